import superjson from "superjson";
import type { Database } from "@/server/db/prisma";
import { createUser } from "@/server/auth/users";
import type { Role } from "@/server/auth/roles";
import type { CurrentUser } from "@/server/auth/user-record";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { handleApiRequest } from "@/server/trpc/handle-request";

/**
 * Calls the real tRPC HTTP handler — the same function the Next route uses,
 * so context creation (cookie and Authorization parsing), error formatting and
 * status codes are all real — with a Request object instead of a web server.
 *
 *   const anon = apiClient(db);                          // no credentials: 401 on most procedures
 *   const admin = await anon.as("admin");                // a new admin, signed in with a session cookie
 *   const script = await anon.as("builder", { via: "token" });  // …or with an API token
 *   apiClient(db, { session: token }) / apiClient(db, { token })  // explicit credentials
 *
 * `as()` creates the user with the real service and signs in through `auth.login`
 * (and `token.create`), so every test request carries a credential the app issued.
 */
export type ApiResult<T = unknown> = (
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: { message: string; data: { code: string; httpStatus: number; problems: Array<{ text: string; nodeId?: string }> } } }
) & { headers: Headers };

export type Credentials = {
  /** The `sy_session` cookie value. */
  session?: string;
  /** An API token, sent as `Authorization: Bearer`. */
  token?: string;
  /** Extra request headers (Origin, User-Agent, X-Forwarded-For, …). */
  headers?: Record<string, string>;
  /** Base URL of the request (default http://test). */
  baseUrl?: string;
};

export type SignedInClient = ApiClient & { user: CurrentUser; password: string; credentials: Credentials };

let users = 0;

export function apiClient(db: Database, credentials: Credentials = {}) {
  async function call<T>(kind: "query" | "mutation", path: string, input?: unknown): Promise<ApiResult<T>> {
    const encoded = superjson.serialize(input);
    const url = new URL(`${credentials.baseUrl ?? "http://test"}/api/trpc/${path}`);
    const headers = new Headers({ "content-type": "application/json", ...credentials.headers });
    if (credentials.session !== undefined) headers.append("cookie", `${SESSION_COOKIE}=${credentials.session}`);
    if (credentials.token !== undefined) headers.set("authorization", `Bearer ${credentials.token}`);
    const init: RequestInit = { method: kind === "query" ? "GET" : "POST", headers };
    if (kind === "query") url.searchParams.set("input", JSON.stringify(encoded));
    else init.body = JSON.stringify(encoded);
    const response = await handleApiRequest(new Request(url, init), db);
    const body = (await response.json()) as { result?: { data: unknown }; error?: { json: unknown } };
    if (body.error) return { ok: false, status: response.status, error: body.error.json as never, headers: response.headers };
    return { ok: true, status: response.status, data: superjson.deserialize(body.result!.data as never) as T, headers: response.headers };
  }

  /** A new user with `role`, signed in by session cookie (default) or API token. */
  async function as(role: Role, options: { via?: "session" | "token"; email?: string; password?: string; name?: string } = {}): Promise<SignedInClient> {
    const email = options.email ?? `${role}-${++users}-${process.pid}@test.example`;
    const password = options.password ?? `password-of-${email}`;
    await createUser(db.prisma, { user: null, ip: null }, { email, role, password, name: options.name });
    const signedIn = await signIn(db, { email, password }, credentials);
    if (options.via !== "token") return signedIn;
    const created = await signedIn.mutation<{ token: string }>("token.create", { name: "test" });
    if (!created.ok) throw new Error(`token.create failed: ${created.error.message}`);
    const viaToken = { headers: credentials.headers, baseUrl: credentials.baseUrl, token: created.data.token };
    return Object.assign(apiClient(db, viaToken), { user: signedIn.user, password, credentials: viaToken });
  }

  return {
    query: <T = any>(path: string, input?: unknown) => call<T>("query", path, input),
    mutation: <T = any>(path: string, input?: unknown) => call<T>("mutation", path, input),
    as,
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Signs in through `auth.login` and returns a client carrying the session cookie it set. */
export async function signIn(db: Database, login: { email: string; password: string }, base: Credentials = {}): Promise<SignedInClient> {
  const result = await apiClient(db, { headers: base.headers, baseUrl: base.baseUrl }).mutation<CurrentUser>("auth.login", login);
  if (!result.ok) throw new Error(`auth.login failed: ${result.error.message}`);
  const session = sessionFrom(result.headers);
  if (!session) throw new Error("auth.login set no session cookie");
  const credentials = { headers: base.headers, baseUrl: base.baseUrl, session };
  return Object.assign(apiClient(db, credentials), { user: result.data, password: login.password, credentials });
}

/** The session token in a response's Set-Cookie headers (null when none, "" when cleared). */
export function sessionFrom(headers: Headers): string | null {
  for (const cookie of headers.getSetCookie()) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie);
    if (match) return match[1]!;
  }
  return null;
}
