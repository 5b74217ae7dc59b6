import { TRPCClientError } from "@trpc/client";

/**
 * The sentence to show a person for a failed request. API errors already carry
 * a clear message (never a stack); a request that never reached the server
 * gets a sentence about that instead of the browser's "Failed to fetch".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && error.data !== undefined && error.data !== null) return error.message;
  if (isChunkLoadError(error)) return "Part of the page's code did not download. Check the connection and try again.";
  if (error instanceof TRPCClientError || error instanceof TypeError) {
    return "Could not reach the Switchyard server. Check that it is running and try again.";
  }
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

/** A script chunk loaded on first use (import()) that failed to download: Turbopack's and the browser's wordings. */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /ChunkLoadError|Failed to load chunk|Loading chunk|dynamically imported module/i.test(`${error.name} ${error.message}`);
}
