import type { PrismaClient } from "@/generated/prisma/client";
import { readApiToken } from "./api-tokens";
import { readCookie, SESSION_COOKIE } from "./session-cookie";
import { readSession } from "./sessions";
import type { CurrentUser } from "./user-record";

export type { CurrentUser } from "./user-record";

/** How a request proved who it is. */
export type Credential =
  | { user: CurrentUser; via: "token"; sessionId: null; renewCookie: null }
  | {
      user: CurrentUser;
      via: "session";
      sessionId: string;
      /** Set when the session slid: the cookie must be sent again with a fresh Max-Age. */
      renewCookie: string | null;
    }
  | { user: null; via: null; sessionId: null; renewCookie: null; staleCookie: boolean };

/**
 * Who is making this request. An `Authorization: Bearer` header, when present,
 * is the only credential considered (a script's token must not silently fall
 * back to a browser cookie); otherwise the `sy_session` cookie. The API slides
 * sessions; pages and sockets pass `slide: false` (they cannot re-send the cookie).
 */
export async function resolveCurrentUser(db: PrismaClient, headers: Headers, options: { slide?: boolean } = {}): Promise<Credential> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const found = match ? await readApiToken(db, match[1]!) : null;
    return found
      ? { user: found.user, via: "token", sessionId: null, renewCookie: null }
      : { user: null, via: null, sessionId: null, renewCookie: null, staleCookie: false };
  }
  const token = readCookie(headers.get("cookie"), SESSION_COOKIE);
  if (!token) return { user: null, via: null, sessionId: null, renewCookie: null, staleCookie: false };
  const session = await readSession(db, token, options);
  if (!session) return { user: null, via: null, sessionId: null, renewCookie: null, staleCookie: true };
  return { user: session.user, via: "session", sessionId: session.id, renewCookie: session.refreshed ? token : null };
}
