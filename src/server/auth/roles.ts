import { z } from "zod";

/**
 * Roles, from most to least powerful. Terminology:
 * - admin: everything, including users, the audit log and any approval task.
 * - builder: creates, edits and runs workflows.
 * - approver: decides approval tasks that are not assigned to someone else.
 * - viewer: reads workflows and executions.
 * Any role can decide a task assigned to its email or its role name (approval-access.ts).
 */
export const ROLES = ["admin", "builder", "approver", "viewer"] as const;
export const Role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });
export type Role = z.infer<typeof Role>;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The roles allowed to do something: the ones named, and always admin. */
export function allowedRoles(roles: readonly Role[]): Role[] {
  return roles.includes("admin") ? [...roles] : [...roles, "admin"];
}

/** "a", "a or b", "a, b or c". */
export function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** The 403 sentence: "Your role (viewer) cannot do this: workflow.create needs builder or admin." */
export function forbiddenMessage(role: Role, what: string, allowed: readonly Role[]): string {
  return `Your role (${role}) cannot do this: ${what} needs ${inWords(allowed)}.`;
}
