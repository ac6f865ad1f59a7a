package dev.nanobanana4j.provider.modelslab;

import dev.nanobanana4j.testkit.CallbackContractTest;

/** ModelsLab's callbacks, as the simulator sends them, through the client's receiver. */
class ModelsLabCallbackTest extends CallbackContractTest {
  @Override
  protected String providerId() {
    return "modelslab";
  }

  @Override
  protected boolean signed() {
    return false;
  }
}
