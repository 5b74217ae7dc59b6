"use client";

import { createContext, useContext, type ReactNode } from "react";
import { canEditWorkflows, canManageUsers, type SessionUser } from "./permissions";

const SessionContext = createContext<SessionUser | null>(null);

/**
 * The signed-in user, as the signed-in layout verified it on the server, for
 * client components that show or hide actions by role.
 */
export function SessionProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error("useSessionUser must be used inside <SessionProvider> (the signed-in layout)");
  return user;
}

/** What the signed-in user's role may do, in the UI's terms. */
export function usePermissions() {
  const { role } = useSessionUser();
  return { editWorkflows: canEditWorkflows(role), manageUsers: canManageUsers(role) };
}
