"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { isRole, type Role } from "@/server/auth/roles";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/components/session/permissions";
import { PASSWORD_MIN } from "@/components/auth/password-rules";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { SecretOnce } from "@/components/ui/secret-once";
import { TextField } from "@/components/ui/text-field";
import { RoleSelect } from "./role-select";

type Created = { email: string; role: Role; generatedPassword: string | null };

/**
 * Adds an account: email, name, role and an initial password — or none, and
 * the server generates one, shown here once. The server's sentence is shown
 * when it refuses (an email already taken, a short password).
 */
export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [role, setRole] = useState<Role>("builder");
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: async ({ user, generatedPassword }) => {
        setCreated({ email: user.email, role: isRole(user.role) ? user.role : "viewer", generatedPassword });
        form.current?.reset();
        setRole("builder");
        await queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const password = String(data.get("password") ?? "");
    setCreated(null);
    create.mutate({ email: String(data.get("email") ?? ""), role, ...(name ? { name } : {}), ...(password ? { password } : {}) });
  }

  return (
    <form ref={form} onSubmit={submit} aria-label="Add a user" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <h2 className="text-sm font-semibold text-zinc-900">Add a user</h2>
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[1.4fr_1fr_auto_1fr]">
        <TextField label="Email" name="email" type="email" autoComplete="off" required onChange={() => create.reset()} />
        <TextField label="Name" name="name" autoComplete="off" maxLength={200} placeholder="Optional" />
        <div>
          <label htmlFor={roleId} className="block text-sm font-medium text-zinc-800">
            Role
          </label>
          <RoleSelect id={roleId} value={role} onChange={(event) => isRole(event.target.value) && setRole(event.target.value)} className="mt-1.5 h-9 w-full" />
        </div>
        <TextField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          placeholder={`${PASSWORD_MIN}+ characters, or empty`}
          onChange={() => create.reset()}
        />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </Button>
        <p className="text-xs text-zinc-500">
          {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role].toLowerCase()}. Leave the password empty to generate one.
        </p>
      </div>
      <InlineError message={create.isError ? errorMessage(create.error) : null} className="mt-3" />
      {created ? (
        <div role="status" className="mt-3 space-y-2">
          <p className="text-sm text-emerald-700">
            Added {created.email} as {ROLE_LABELS[created.role].toLowerCase()}.
            {created.generatedPassword ? "" : " Give them their password; they can change it on their Account page."}
          </p>
          {created.generatedPassword ? (
            <SecretOnce
              label={`Password for ${created.email}`}
              value={created.generatedPassword}
              warning="This generated password is shown only now. Pass it on securely; they can change it on their Account page."
            />
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
