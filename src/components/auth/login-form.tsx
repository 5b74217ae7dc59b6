"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { TextField } from "@/components/ui/text-field";

/**
 * Email and password. The server's sentence is shown as it comes: "Wrong
 * email or password.", the throttle's "Too many failed sign-ins; try again in
 * N minutes.", or that the account is disabled. On success the page asked for
 * opens with a full load, so it renders for the new session.
 */
export function LoginForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: () => window.location.assign(next) }));
  const busy = login.isPending || login.isSuccess;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
  }

  return (
    <form onSubmit={submit} className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-lg font-semibold tracking-tight text-zinc-900">Sign in</h1>
      <div className="mt-5 space-y-4">
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus onChange={() => login.reset()} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required onChange={() => login.reset()} />
      </div>
      <InlineError message={login.isError ? errorMessage(login.error) : null} className="mt-4" />
      <Button type="submit" variant="primary" className="mt-5 w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
