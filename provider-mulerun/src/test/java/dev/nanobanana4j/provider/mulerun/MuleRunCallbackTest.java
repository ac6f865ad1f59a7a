package dev.nanobanana4j.provider.mulerun;

import dev.nanobanana4j.testkit.CallbackContractTest;

/** MuleRun's callbacks, as the simulator sends them, through the client's receiver. */
class MuleRunCallbackTest extends CallbackContractTest {
  @Override
  protected String providerId() {
    return "mulerun";
  }

  @Override
  protected boolean signed() {
    return true;
  }
}
