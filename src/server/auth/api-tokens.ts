import type { PrismaClient } from "@/generated/prisma/client";
import { notFound } from "@/server/errors";
import { recordAudit, type Actor } from "./audit";
import { newSecret, sha256Hex } from "./secret-token";
import { credentialUserSelect, toCurrentUser, type CurrentUser } from "./user-record";

/**
 * API tokens for scripts: `sy_` + 32 random bytes base64url, sent as
 * `Authorization: Bearer <token>`. The token is shown once, at creation; only
 * its sha256 and its first 8 characters (for display) are stored. A token acts
 * as its user, with the user's current role; it stops working when revoked or
 * when the user is disabled.
 */
export const TOKEN_PREFIX = "sy_";
const TOUCH_AFTER_MS = 60 * 1000;

/** What lists show: never the hash. */
const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function createApiToken(db: PrismaClient, actor: Actor & { user: CurrentUser }, name: string) {
  const { secret, hash } = newSecret(TOKEN_PREFIX);
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: actor.user.id, name, tokenHash: hash, prefix: secret.slice(0, 8), createdAt: new Date() },
      select: tokenSelect,
    });
    await recordAudit(tx, actor, { action: "token.create", target: row.id, detail: { name } });
    return { ...row, token: secret };
  });
}

export function listApiTokens(db: PrismaClient, userId: string) {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: tokenSelect });
}

/** Revokes one of the actor's own tokens (another user's token id is NOT_FOUND). Revoking twice is harmless. */
export async function revokeApiToken(db: PrismaClient, actor: Actor & { user: CurrentUser }, tokenId: string) {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.user.id }, select: tokenSelect });
    if (!token) throw notFound("API token", tokenId);
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() }, select: tokenSelect });
    await recordAudit(tx, actor, { action: "token.revoke", target: tokenId, detail: { name: token.name } });
    return revoked;
  });
}

/** The user a bearer token acts as, or null (unknown, revoked, or user disabled). Touches lastUsedAt at most once a minute. */
export async function readApiToken(db: PrismaClient, token: string, now = new Date()): Promise<{ tokenId: string; user: CurrentUser } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: credentialUserSelect } },
  });
  if (!row || row.revokedAt) return null;
  const user = toCurrentUser(row.user);
  if (!user) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, user };
}
