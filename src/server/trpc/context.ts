import type pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Database } from "@/server/db/prisma";
import { resolveCurrentUser, type CurrentUser } from "@/server/auth/current-user";
import { clearedSessionCookie, sessionCookie } from "@/server/auth/session-cookie";

/**
 * Where a request says it comes from and goes to: the CSRF check (init.ts)
 * compares `origin` with `hosts`; cookies get `Secure` when `secure`.
 */
export type RequestOrigin = {
  /** The `Origin` header (browsers send it with every POST and cross-origin request), or null. */
  origin: string | null;
  /** The host(s) this request was addressed to: Host, X-Forwarded-Host (behind a proxy), the URL's host. */
  hosts: string[];
  /** https, by the URL or `X-Forwarded-Proto`. */
  secure: boolean;
};

/** What every procedure receives. */
export type Context = {
  /** Prisma for ordinary queries; the pool for transactional SQL. */
  db: PrismaClient;
  pool: pg.Pool;
  /** Who is asking; null when not signed in. */
  user: CurrentUser | null;
  via: "session" | "token" | null;
  /** The Session row (sha256 of the cookie) when signed in by cookie: logout and password change need it. */
  sessionId: string | null;
  /** The client address: the last `X-Forwarded-For` entry (what the nearest proxy, or Next itself, saw). */
  ip: string | null;
  userAgent: string | null;
  /** Response headers: procedures append `Set-Cookie` here. */
  resHeaders: Headers;
  requestOrigin: RequestOrigin;
};

export async function createContext(db: Database, req: Request, resHeaders: Headers): Promise<Context> {
  const headers = req.headers;
  const requestOrigin = readRequestOrigin(req);
  const credential = await resolveCurrentUser(db.prisma, headers);
  if (credential.renewCookie) resHeaders.append("set-cookie", sessionCookie(credential.renewCookie, requestOrigin));
  if (credential.via === null && credential.staleCookie) resHeaders.append("set-cookie", clearedSessionCookie(requestOrigin));
  return {
    db: db.prisma,
    pool: db.pool,
    user: credential.user,
    via: credential.via,
    sessionId: credential.sessionId,
    ip: clientIp(headers),
    userAgent: headers.get("user-agent"),
    resHeaders,
    requestOrigin,
  };
}

function readRequestOrigin(req: Request): RequestOrigin {
  const url = new URL(req.url);
  const first = (name: string) => req.headers.get(name)?.split(",")[0]?.trim().toLowerCase() || null;
  const hosts = [first("host"), first("x-forwarded-host"), url.host.toLowerCase()].filter((h): h is string => h !== null);
  return { origin: req.headers.get("origin"), hosts: [...new Set(hosts)], secure: url.protocol === "https:" || first("x-forwarded-proto") === "https" };
}

/**
 * Next's server sets `X-Forwarded-For` to the socket's address when the request
 * has none; a proxy appends what it saw. The last entry is therefore the one
 * this deployment's own hop observed. (Without a proxy a client can send the
 * header itself; the per-email sign-in limit does not depend on it.)
 */
function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip") ?? null;
}

/** True when a browser tells us the request was made by a page of another host. */
export function isCrossSite(requestOrigin: RequestOrigin): boolean {
  if (requestOrigin.origin === null) return false;
  try {
    return !requestOrigin.hosts.includes(new URL(requestOrigin.origin).host.toLowerCase());
  } catch {
    return true; // "null" (sandboxed frames, some redirects) or garbage: not our page
  }
}
