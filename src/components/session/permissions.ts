import type { Role } from "@/server/auth/roles";

/**
 * What the UI offers each role. It mirrors the API's role checks
 * (src/server/routers/*: roleProcedure) so nobody sees a button that would
 * only be refused; the API still decides, whatever the UI shows.
 */
export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/** Create, rename, delete and save workflows; start and cancel runs (builder, admin). */
export function canEditWorkflows(role: Role): boolean {
  return role === "builder" || role === "admin";
}

/** Users, roles and the audit log (admin). */
export function canManageUsers(role: Role): boolean {
  return role === "admin";
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  builder: "Builder",
  approver: "Approver",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, including users",
  builder: "Creates, edits and runs workflows",
  approver: "Decides approval tasks",
  viewer: "Reads workflows and runs",
};
