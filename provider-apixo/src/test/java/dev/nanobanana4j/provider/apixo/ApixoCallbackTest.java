package dev.nanobanana4j.provider.apixo;

import dev.nanobanana4j.testkit.CallbackContractTest;

/** Apixo's callbacks, as the simulator sends them, through the client's receiver. */
class ApixoCallbackTest extends CallbackContractTest {
  @Override
  protected String providerId() {
    return "apixo";
  }

  @Override
  protected boolean signed() {
    return false;
  }
}
