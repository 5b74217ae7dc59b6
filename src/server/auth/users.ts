import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { DomainError, notFound } from "@/server/errors";
import { recordAudit, type Actor } from "./audit";
import { hashPassword, requireAcceptablePassword } from "./password";
import type { Role } from "./roles";
import { normalizeEmail } from "./user-record";

/**
 * Accounts: created by the first-run setup, an admin, or `wf user:create`.
 * Changes that could leave nobody able to administer (demoting or disabling
 * an admin) run under one advisory lock and refuse to remove the last active admin.
 */
export const userSelect = { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } as const;

type Tx = Prisma.TransactionClient;

/** Serialises account changes that depend on who else exists (setup, admin changes). */
export async function lockAccounts(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('switchyard:accounts'))`;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type NewUser = { email: string; role: Role; name?: string | null; password: string };
export type PreparedUser = { email: string; role: Role; name: string | null; passwordHash: string };

/** Checks the input and hashes the password — slow (scrypt), so done before any transaction opens. */
export async function prepareUser(input: NewUser): Promise<PreparedUser> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 320) throw new DomainError("BAD_REQUEST", `"${input.email}" is not an email address.`);
  requireAcceptablePassword(input.password);
  return { email, role: input.role, name: input.name?.trim() || null, passwordHash: await hashPassword(input.password) };
}

/**
 * Inserts a prepared user inside the caller's transaction; CONFLICT when the
 * email is taken. Audited as `user.create`, or `auth.setup` (whose actor is the new user).
 */
export async function insertUser(tx: Tx, actor: Actor, user: PreparedUser, audit: { action: "user.create" | "auth.setup"; via?: string }) {
  try {
    const created = await tx.user.create({ data: user, select: userSelect });
    const by = audit.action === "auth.setup" ? { ...actor, user: { id: created.id, email: created.email } } : actor;
    await recordAudit(tx, by, { action: audit.action, target: created.id, detail: { email: created.email, role: created.role, ...(audit.via ? { via: audit.via } : {}) } });
    return created;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("CONFLICT", `A user with the email ${user.email} already exists.`);
    }
    throw error;
  }
}

export async function createUser(db: PrismaClient, actor: Actor, input: NewUser, via?: string) {
  const prepared = await prepareUser(input);
  return db.$transaction((tx) => insertUser(tx, actor, prepared, { action: "user.create", via }));
}

/** A password for an account created without one: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export function listUsers(db: PrismaClient) {
  return db.user.findMany({ orderBy: { createdAt: "asc" }, select: userSelect });
}

export function setUserRole(db: PrismaClient, actor: Actor, userId: string, role: Role) {
  return changeUser(db, actor, userId, { role }, (before) =>
    before.role === role ? null : { action: "user.role_change", detail: { from: before.role, to: role } },
  );
}

/** Disabling also signs the user out everywhere; their API tokens stop working until enabled again. */
export function disableUser(db: PrismaClient, actor: Actor, userId: string) {
  return changeUser(db, actor, userId, { disabledAt: new Date() }, (before) =>
    before.disabledAt ? null : { action: "user.disable", detail: { email: before.email } },
  );
}

export function enableUser(db: PrismaClient, actor: Actor, userId: string) {
  return changeUser(db, actor, userId, { disabledAt: null }, (before) =>
    before.disabledAt ? { action: "user.enable", detail: { email: before.email } } : null,
  );
}

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

async function changeUser(
  db: PrismaClient,
  actor: Actor,
  userId: string,
  change: { role?: Role; disabledAt?: Date | null },
  audit: (before: UserRow) => { action: "user.role_change" | "user.disable" | "user.enable"; detail: Prisma.InputJsonValue } | null,
): Promise<UserRow> {
  return db.$transaction(async (tx) => {
    await lockAccounts(tx);
    const before = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!before) throw notFound("User", userId);
    const entry = audit(before);
    if (!entry) return before; // nothing changes
    const staysActiveAdmin = (change.role ?? before.role) === "admin" && (change.disabledAt === undefined ? before.disabledAt : change.disabledAt) === null;
    if (before.role === "admin" && before.disabledAt === null && !staysActiveAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
      if (otherAdmins === 0) {
        const whom = actor.user?.id === userId ? "You are" : `${before.email} is`;
        throw new DomainError("CONFLICT", `${whom} the last active admin; make another user admin first.`);
      }
    }
    const after = await tx.user.update({ where: { id: userId }, data: change, select: userSelect });
    if (change.disabledAt) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, actor, { action: entry.action, target: userId, detail: entry.detail });
    return after;
  });
}
