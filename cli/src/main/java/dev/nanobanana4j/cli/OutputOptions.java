package dev.nanobanana4j.cli;

import picocli.CommandLine.Option;

/** How a command prints its result. */
final class OutputOptions {
  @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
  boolean json;
}
