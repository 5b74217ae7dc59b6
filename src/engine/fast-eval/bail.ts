/**
 * Thrown when the fast evaluator is not certain to give exactly the sandbox's
 * answer (unsupported syntax, a call, an inherited property, an error the
 * sandbox must word…). It never reaches a user: the caller asks the sandbox.
 */
export class Bail extends Error {
  constructor() {
    super("fast-eval: not handled here");
  }
}
