/** An error the CLI prints as one line (no stack) before exiting with `exitCode`. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: 0 | 1 | 2,
    /** Extra lines printed after the message (e.g. one per validation problem). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
