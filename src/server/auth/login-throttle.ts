import type { PrismaClient } from "@/generated/prisma/client";
import { DomainError } from "@/server/errors";

/**
 * Sign-in throttling, counted from `auth.login_failed` audit rows — so every
 * web process sees the same counts, and a restart forgets nothing.
 * Within any 15 minutes, at most 10 failed sign-ins per email and 30 per IP
 * address are checked against a password; further attempts are refused with
 * TOO_MANY_REQUESTS (and not counted, so a lock ends 15 minutes after the
 * failures that caused it) until enough failures leave the window.
 */
export const LOGIN_THROTTLE = { windowMs: 15 * 60 * 1000, perEmail: 10, perIp: 30 } as const;

type Db = Pick<PrismaClient, "auditEvent">;

export async function assertSignInAllowed(db: Db, attempt: { email: string; ip: string | null }, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  const byEmail = await lockedUntil(db, { actorEmail: attempt.email }, LOGIN_THROTTLE.perEmail, since);
  const byIp = attempt.ip === null ? null : await lockedUntil(db, { ip: attempt.ip }, LOGIN_THROTTLE.perIp, since);
  const until = Math.max(byEmail?.getTime() ?? 0, byIp?.getTime() ?? 0);
  if (until > now.getTime()) {
    const minutes = Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
    throw new DomainError("TOO_MANY_REQUESTS", `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/**
 * With `limit` or more failures since `since`, the time the limit-th newest
 * leaves the window (then fewer than `limit` remain); otherwise null.
 */
async function lockedUntil(db: Db, who: { actorEmail: string } | { ip: string }, limit: number, since: Date): Promise<Date | null> {
  const [limitth] = await db.auditEvent.findMany({
    where: { action: "auth.login_failed", at: { gt: since }, ...who },
    orderBy: { at: "desc" },
    skip: limit - 1,
    take: 1,
    select: { at: true },
  });
  return limitth ? new Date(limitth.at.getTime() + LOGIN_THROTTLE.windowMs) : null;
}
