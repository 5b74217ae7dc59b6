import type { PrismaClient } from "@/generated/prisma/client";
import { DomainError } from "@/server/errors";
import { recordAudit, type Actor } from "./audit";
import { assertSignInAllowed } from "./login-throttle";
import { hashPassword, requireAcceptablePassword, verifyDummyPassword, verifyPassword } from "./password";
import { createSession, endOtherSessions, endSession } from "./sessions";
import { credentialUserSelect, normalizeEmail, toCurrentUser, type CurrentUser } from "./user-record";
import { insertUser, lockAccounts, prepareUser } from "./users";

/**
 * Signing in and out, first-run setup and password changes. Each returns the
 * new session's token (for the cookie) where one is created; the caller sets
 * the cookie. Every outcome is audited.
 */
export type RequestInfo = { ip: string | null; userAgent: string | null };
export type SignedIn = { user: CurrentUser; session: { token: string; id: string; expiresAt: Date } };

const WRONG_CREDENTIALS = "Wrong email or password.";

export async function needsSetup(db: PrismaClient): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) === null;
}

/**
 * Creates the first user, as admin, and signs them in — only while there are
 * no users. Concurrent setups serialise on the accounts lock: exactly one wins,
 * the others get CONFLICT.
 */
export async function setupFirstAdmin(db: PrismaClient, input: { email: string; password: string; name?: string }, request: RequestInfo): Promise<SignedIn> {
  const prepared = await prepareUser({ ...input, role: "admin" });
  const user = await db.$transaction(async (tx) => {
    await lockAccounts(tx);
    if (await tx.user.findFirst({ select: { id: true } })) throw new DomainError("CONFLICT", "Setup is already done; sign in.");
    return insertUser(tx, { user: null, ip: request.ip }, prepared, { action: "auth.setup" });
  });
  const current: CurrentUser = { id: user.id, email: user.email, name: user.name, role: "admin" };
  return { user: current, session: await createSession(db, user.id, request.userAgent) };
}

export async function signIn(db: PrismaClient, input: { email: string; password: string }, request: RequestInfo): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  await assertSignInAllowed(db, { email, ip: request.ip });
  const row = await db.user.findUnique({ where: { email }, select: { ...credentialUserSelect, passwordHash: true } });
  const matches = row?.passwordHash ? await verifyPassword(input.password, row.passwordHash) : await verifyDummyPassword(input.password);
  const failed = (reason: string) =>
    recordAudit(db, { user: null, email, ip: request.ip }, { action: "auth.login_failed", target: row?.id ?? null, detail: { reason } });
  if (!row || !matches) {
    await failed(row ? "wrong password" : "unknown email");
    throw new DomainError("UNAUTHORIZED", WRONG_CREDENTIALS);
  }
  const user = toCurrentUser(row);
  if (!user) {
    // Only said after the right password, so it reveals nothing to a guesser.
    await failed("disabled");
    throw new DomainError("FORBIDDEN", "This account is disabled; ask an admin to enable it.");
  }
  const session = await createSession(db, user.id, request.userAgent);
  await recordAudit(db, { user, ip: request.ip }, { action: "auth.login", target: user.id });
  return { user, session };
}

export async function signOut(db: PrismaClient, actor: Actor, sessionId: string | null): Promise<void> {
  if (sessionId) await endSession(db, sessionId);
  if (actor.user) await recordAudit(db, actor, { action: "auth.logout", target: actor.user.id });
}

/** Needs the current password; signs the user out of every other session (their API tokens keep working). */
export async function changePassword(
  db: PrismaClient,
  actor: Actor & { user: CurrentUser },
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<{ endedSessions: number }> {
  requireAcceptablePassword(input.newPassword);
  const row = await db.user.findUniqueOrThrow({ where: { id: actor.user.id }, select: { passwordHash: true } });
  if (!row.passwordHash || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new DomainError("BAD_REQUEST", "The current password is wrong.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.user.id }, data: { passwordHash } });
    const endedSessions = await endOtherSessions(tx, actor.user.id, keepSessionId);
    await recordAudit(tx, actor, { action: "auth.password_change", target: actor.user.id, detail: { endedSessions } });
    return { endedSessions };
  });
}
