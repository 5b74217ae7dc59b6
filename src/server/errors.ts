import type { Problem } from "@/engine/validate-workflow";

/**
 * Domain errors: data with a code, thrown by services and mapped to
 * transport errors in exactly one place (the tRPC error formatter, the CLI).
 * Never match on message strings.
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_WORKFLOW"
  | "BAD_REQUEST"
  /** Not signed in, or wrong credentials. */
  | "UNAUTHORIZED"
  /** Signed in, but not allowed to do this. */
  | "FORBIDDEN"
  /** Too many attempts (failed sign-ins); the message says when to try again. */
  | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: readonly ProblemWithText[] = [],
  ) {
    super(message);
  }
}

export type ProblemWithText = Problem & { text: string };

export class InvalidWorkflowError extends DomainError {
  constructor(problems: readonly ProblemWithText[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super("INVALID_WORKFLOW", `The workflow is not valid (${count}): ${problems.map((p) => p.text).join("; ")}`, problems);
  }
}

export const notFound = (what: string, id: string) => new DomainError("NOT_FOUND", `${what} ${id} does not exist`);
