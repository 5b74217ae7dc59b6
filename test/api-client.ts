import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import type { Database } from "@/server/db/prisma";
import { appRouter } from "@/server/routers/app";

/**
 * Calls the real tRPC HTTP handler (error formatting, status codes and all)
 * without starting a web server: a Request in, the decoded JSON out.
 */
export type ApiResult<T = unknown> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: { message: string; data: { code: string; httpStatus: number; problems: Array<{ text: string; nodeId?: string }> } } };

export function apiClient(db: Database) {
  async function call<T>(kind: "query" | "mutation", path: string, input?: unknown): Promise<ApiResult<T>> {
    const encoded = superjson.serialize(input);
    const url = new URL(`http://test/api/trpc/${path}`);
    const init: RequestInit = { method: kind === "query" ? "GET" : "POST", headers: { "content-type": "application/json" } };
    if (kind === "query") url.searchParams.set("input", JSON.stringify(encoded));
    else init.body = JSON.stringify(encoded);
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url, init),
      router: appRouter,
      createContext: () => ({ db: db.prisma, pool: db.pool }),
    });
    const body = (await response.json()) as { result?: { data: unknown }; error?: { json: unknown } };
    if (body.error) return { ok: false, status: response.status, error: body.error.json as never };
    return { ok: true, status: response.status, data: superjson.deserialize(body.result!.data as never) as T };
  }
  return {
    query: <T = any>(path: string, input?: unknown) => call<T>("query", path, input),
    mutation: <T = any>(path: string, input?: unknown) => call<T>("mutation", path, input),
  };
}
