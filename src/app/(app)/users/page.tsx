import type { Metadata } from "next";
import { canManageUsers } from "@/components/session/permissions";
import { forbidden } from "next/navigation";
import { UsersPanel } from "@/components/users/users-panel";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Users" };

/** Accounts and roles, for admins; everyone else is told they have no access (the API refuses them too). */
export default async function UsersPage() {
  const user = await requirePageUser();
  if (!canManageUsers(user.role)) forbidden(); // HTTP 403 with app/forbidden.tsx
  return (
    <main className="mx-auto w-full max-w-5xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Users</h1>
      <p className="mt-1 text-sm text-zinc-500">Who can sign in, and what their role lets them do.</p>
      <UsersPanel currentUserId={user.id} />
    </main>
  );
}
