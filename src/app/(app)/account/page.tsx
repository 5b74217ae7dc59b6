import type { Metadata } from "next";
import { ApiTokens } from "@/components/account/api-tokens";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { ROLE_LABELS } from "@/components/session/permissions";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Account" };

/** The signed-in user's own account: who they are, their password, their API tokens. */
export default async function AccountPage() {
  const user = await requirePageUser();
  return (
    <main className="mx-auto w-full max-w-3xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Account</h1>
      <p className="mt-1 text-sm text-zinc-500">
        {user.name ? `${user.name} · ` : ""}
        {user.email} · {ROLE_LABELS[user.role]}
      </p>
      <ChangePasswordForm />
      <ApiTokens />
    </main>
  );
}
