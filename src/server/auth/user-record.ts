import { isRole, type Role } from "./roles";

/** The signed-in user as procedures see it (ctx.user). */
export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/** The User columns needed to decide whether a credential still works. */
export const credentialUserSelect = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

type CredentialUser = { id: string; email: string; name: string | null; role: string; disabledAt: Date | null };

/** The user a credential belongs to, or null when they may not act (disabled, or a role this version does not know). */
export function toCurrentUser(row: CredentialUser): CurrentUser | null {
  if (row.disabledAt !== null || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Emails are compared and stored lower-case and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
