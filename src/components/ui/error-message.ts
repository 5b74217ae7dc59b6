import { TRPCClientError } from "@trpc/client";

/**
 * The sentence to show a person for a failed request. API errors already carry
 * a clear message (never a stack); a request that never reached the server
 * gets a sentence about that instead of the browser's "Failed to fetch".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && error.data !== undefined && error.data !== null) return error.message;
  if (error instanceof TRPCClientError || error instanceof TypeError) {
    return "Could not reach the Switchyard server. Check that it is running and try again.";
  }
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
