import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/routers/app";
import { CliError } from "./cli-error";

/**
 * The CLI against a RUNNING server, through its API, as the owner of an API
 * token: set SWITCHYARD_URL (e.g. http://localhost:3000) and SWITCHYARD_TOKEN
 * (from `wf token:create` or the Account page). The server checks the token's
 * user and role like any API call and records it (approvals, audit). Without
 * SWITCHYARD_URL the CLI works locally against the database, as before.
 */
export type RemoteApi = ReturnType<typeof createTRPCClient<AppRouter>>;

export function remoteApi(env: NodeJS.ProcessEnv = process.env): RemoteApi | undefined {
  const url = env.SWITCHYARD_URL?.trim();
  if (!url) return undefined;
  const token = env.SWITCHYARD_TOKEN?.trim();
  if (!token) {
    throw new CliError("SWITCHYARD_URL is set but SWITCHYARD_TOKEN is not: create a token with `wf token:create` or on the Account page", 2);
  }
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CliError(`SWITCHYARD_URL is not a URL: ${url}`, 2);
  }
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: new URL("/api/trpc", base).toString(), transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
  });
}

/** Runs one API call; the server's refusal becomes a CLI error with its message (exit 2 for bad input/unknown ids, else 1). */
export async function callRemote<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const code = (error.data as { code?: string } | undefined)?.code;
      const exit = code === "NOT_FOUND" || code === "BAD_REQUEST" || code === "UNPROCESSABLE_CONTENT" ? 2 : 1;
      throw new CliError(`${what}: ${error.message}`, exit);
    }
    throw new CliError(`${what}: cannot reach the server (${(error as Error).message})`, 1);
  }
}
