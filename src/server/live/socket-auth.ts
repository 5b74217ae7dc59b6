import type { IncomingHttpHeaders } from "node:http";
import type { PrismaClient } from "@/generated/prisma/client";
import { resolveCurrentUser, type CurrentUser } from "@/server/auth/current-user";
import { isCrossSite } from "@/server/trpc/context";

/**
 * Who opened a socket, from its handshake's headers: an `Authorization: Bearer`
 * token when present (scripts), else the `sy_session` cookie (browsers) — the
 * same resolution as the API (current-user.ts), read-only like page-session.ts:
 * a socket cannot re-send the cookie, so sliding the expiry here would move the
 * database's expiry without the browser's.
 */
export type HandshakeCheck = { user: CurrentUser } | { user: null; reason: string };

export const SIGN_IN_FIRST = "Sign in first.";

export async function authenticateHandshake(db: PrismaClient, headers: IncomingHttpHeaders): Promise<HandshakeCheck> {
  const origin = header(headers.origin);
  const hosts = [firstEntry(headers.host), firstEntry(headers["x-forwarded-host"])].filter((h): h is string => !!h).map((h) => h.toLowerCase());
  // A page of another host (another port of localhost, a sibling subdomain) gets our SameSite=Lax cookie: refuse it.
  if (isCrossSite({ origin, hosts, secure: false })) return { user: null, reason: `Refused a connection from another site (${origin}).` };
  const request = new Headers();
  for (const name of ["authorization", "cookie"] as const) {
    const value = header(headers[name]);
    if (value !== null) request.set(name, value);
  }
  const { user } = await resolveCurrentUser(db, request, { slide: false });
  return user ? { user } : { user: null, reason: SIGN_IN_FIRST };
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value.join("; ") : value) ?? null;
}

/** The first of a comma-separated list (a proxy may append hosts). */
function firstEntry(value: string | string[] | undefined): string | null {
  return header(value)?.split(",")[0]?.trim() || null;
}
