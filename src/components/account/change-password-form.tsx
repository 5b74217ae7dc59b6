"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_RULE, passwordFormProblem } from "@/components/auth/password-rules";

/**
 * Current password, new one twice. The server checks the current one and
 * signs this user out of every other browser (this one stays signed in; API
 * tokens keep working), which the success message says.
 */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(trpc.auth.changePassword.mutationOptions({ onSuccess: () => form.current?.reset() }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const newPassword = String(data.get("newPassword") ?? "");
    const found = passwordFormProblem(newPassword, String(data.get("confirm") ?? ""));
    setProblem(found);
    if (!found) change.mutate({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword });
  }

  function clearMessages() {
    setProblem(null);
    if (!change.isIdle && !change.isPending) change.reset();
  }

  const ended = change.data?.endedSessions ?? 0;
  return (
    <section aria-labelledby="password-heading" className="mt-8 rounded-xl border border-zinc-200 bg-white p-5 shadow-xs">
      <h2 id="password-heading" className="text-base font-semibold text-zinc-900">
        Password
      </h2>
      <form ref={form} onSubmit={submit} onChange={clearMessages} className="mt-4 max-w-sm space-y-4">
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={PASSWORD_RULE} />
        <TextField label="Confirm new password" name="confirm" type="password" autoComplete="new-password" required invalid={problem !== null} />
        <InlineError message={problem ?? (change.isError ? errorMessage(change.error) : null)} />
        {change.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700">
            Password changed.
            {ended > 0 ? ` Signed out of ${ended} other ${ended === 1 ? "session" : "sessions"}.` : ""}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </section>
  );
}
