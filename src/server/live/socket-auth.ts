import type { IncomingHttpHeaders } from "node:http";
import type { PrismaClient } from "@/generated/prisma/client";
import { readApiToken } from "@/server/auth/api-tokens";
import { sha256Hex } from "@/server/auth/secret-token";
import { readCookie, SESSION_COOKIE } from "@/server/auth/session-cookie";
import { credentialUserSelect, toCurrentUser, type CurrentUser } from "@/server/auth/user-record";
import { isCrossSite } from "@/server/trpc/context";

/**
 * Who opened a socket, from its handshake's headers: an `Authorization: Bearer`
 * token when present (scripts), else the `sy_session` cookie (browsers) — the
 * same precedence as the API (current-user.ts). The session check is read-only,
 * like page-session.ts: a socket cannot re-send the cookie, so sliding the
 * expiry here would move the database's expiry without the browser's.
 */
export type HandshakeCheck = { user: CurrentUser } | { user: null; reason: string };

export const SIGN_IN_FIRST = "Sign in first.";

export async function authenticateHandshake(db: PrismaClient, headers: IncomingHttpHeaders): Promise<HandshakeCheck> {
  const origin = header(headers.origin);
  const hosts = [firstEntry(headers.host), firstEntry(headers["x-forwarded-host"])].filter((h): h is string => !!h).map((h) => h.toLowerCase());
  // A page of another host (another port of localhost, a sibling subdomain) gets our SameSite=Lax cookie: refuse it.
  if (isCrossSite({ origin, hosts, secure: false })) return { user: null, reason: `Refused a connection from another site (${origin}).` };
  const authorization = header(headers.authorization);
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const found = match ? await readApiToken(db, match[1]!) : null;
    return found ? { user: found.user } : { user: null, reason: SIGN_IN_FIRST };
  }
  const token = readCookie(header(headers.cookie), SESSION_COOKIE);
  if (!token) return { user: null, reason: SIGN_IN_FIRST };
  const session = await db.session.findUnique({
    where: { id: sha256Hex(token) },
    select: { expiresAt: true, user: { select: credentialUserSelect } },
  });
  const user = session && session.expiresAt > new Date() ? toCurrentUser(session.user) : null;
  return user ? { user } : { user: null, reason: SIGN_IN_FIRST };
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value.join("; ") : value) ?? null;
}

/** The first of a comma-separated list (a proxy may append hosts). */
function firstEntry(value: string | string[] | undefined): string | null {
  return header(value)?.split(",")[0]?.trim() || null;
}
