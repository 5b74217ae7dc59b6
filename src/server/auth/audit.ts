import { z } from "zod";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";

/**
 * The audit log: one AuditEvent row per security-relevant action, written in
 * the same transaction as the change it records where there is one.
 */
export const AuditAction = z.enum([
  "auth.setup",
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "auth.password_change",
  "user.create",
  "user.role_change",
  "user.disable",
  "user.enable",
  "token.create",
  "token.revoke",
  "workflow.publish",
  "approval.decide",
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** Who acts, and from where. `user` is null for a failed sign-in (the attempted email goes in `email`). */
export type Actor = { user: { id: string; email: string } | null; email?: string; ip: string | null };

export type AuditEntry = { action: AuditAction; target?: string | null; detail?: Prisma.InputJsonValue };

/** Prisma client or interactive transaction: anything with the auditEvent delegate. */
type AuditWriter = Pick<PrismaClient, "auditEvent">;

export function recordAudit(db: AuditWriter, actor: Actor, entry: AuditEntry) {
  return db.auditEvent.create({
    data: {
      // Set here, not by the database default: the throttle compares these times with this process's clock.
      at: new Date(),
      actorId: actor.user?.id ?? null,
      actorEmail: actor.user?.email ?? actor.email ?? null,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail,
      ip: actor.ip,
    },
  });
}

export type AuditQuery = { limit: number; cursor?: string; action?: AuditAction };

/** Newest first; `nextCursor` continues after the last event returned (null at the end). */
export async function listAuditEvents(db: PrismaClient, query: AuditQuery) {
  const events = await db.auditEvent.findMany({
    where: query.action ? { action: query.action } : {},
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = events.slice(0, query.limit);
  return { events: page, nextCursor: events.length > query.limit ? page.at(-1)!.id : null };
}
