import type { PrismaClient } from "@/generated/prisma/client";
import { newSecret, sha256Hex } from "./secret-token";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { credentialUserSelect, toCurrentUser, type CurrentUser } from "./user-record";

/**
 * Browser sessions. The cookie holds a random token; the Session row's id is
 * its sha256, so the table alone cannot be replayed. Expiry slides: a session
 * used after more than an hour gets lastSeenAt/expiresAt (and the cookie's
 * Max-Age) renewed — at most one write per session per hour.
 */
const LIFETIME_MS = SESSION_MAX_AGE_SECONDS * 1000;
export const SESSION_REFRESH_AFTER_MS = 60 * 60 * 1000;

type Db = Pick<PrismaClient, "session">;

export async function createSession(db: Db, userId: string, userAgent: string | null): Promise<{ token: string; id: string; expiresAt: Date }> {
  const { secret, hash } = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LIFETIME_MS);
  await db.session.create({
    data: { id: hash, userId, createdAt: now, lastSeenAt: now, expiresAt, userAgent: userAgent?.slice(0, 500) ?? null },
  });
  // Sessions that ran out stay until their owner signs in again: tidy them here, off the request path of other users.
  await db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  return { token: secret, id: hash, expiresAt };
}

/** The session a cookie token stands for, or null (unknown, expired, or its user is disabled). */
/**
 * The live session of a cookie token. `slide: false` (pages and sockets, which cannot re-send the
 * cookie) only reads; otherwise the expiry slides at most once per SESSION_REFRESH_AFTER_MS.
 */
export async function readSession(
  db: Db,
  token: string,
  { slide = true, now = new Date() }: { slide?: boolean; now?: Date } = {},
): Promise<{ id: string; user: CurrentUser; refreshed: boolean } | null> {
  const id = sha256Hex(token);
  const session = await db.session.findUnique({ where: { id }, include: { user: { select: credentialUserSelect } } });
  if (!session || session.expiresAt <= now) return null;
  const user = toCurrentUser(session.user);
  if (!user) return null;
  const refreshed = slide && now.getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_AFTER_MS;
  if (refreshed) {
    await db.session.update({ where: { id }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + LIFETIME_MS) } });
  }
  return { id, user, refreshed };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Signs the user out everywhere except (optionally) the session making the request. */
export async function endOtherSessions(db: Db, userId: string, keepSessionId: string | null): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  return count;
}
