"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { HOME_PATH } from "@/lib/sign-in-path";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_RULE, passwordFormProblem } from "./password-rules";

/**
 * First run: the person installing Switchyard creates the owner account — an
 * admin — and is signed in. The server allows this only while no account
 * exists; whoever comes second is told to sign in.
 */
export function SetupForm() {
  const trpc = useTRPC();
  const [problem, setProblem] = useState<string | null>(null);
  const setup = useMutation(trpc.auth.setup.mutationOptions({ onSuccess: () => window.location.assign(HOME_PATH) }));
  const busy = setup.isPending || setup.isSuccess;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const found = passwordFormProblem(password, String(form.get("confirm") ?? ""));
    setProblem(found);
    if (found) return;
    const name = String(form.get("name") ?? "").trim();
    setup.mutate({ email: String(form.get("email") ?? ""), password, ...(name ? { name } : {}) });
  }

  function clearErrors() {
    setProblem(null);
    if (setup.isError) setup.reset();
  }

  const alreadyDone = setup.error?.data?.code === "CONFLICT";
  return (
    <form onSubmit={submit} onChange={clearErrors} className="rounded-xl border border-zinc-200 bg-white p-6 shadow-xs">
      <h1 className="text-lg font-semibold tracking-tight text-zinc-900">Create the owner account</h1>
      <p className="mt-1 text-sm text-zinc-500">
        Nobody has an account here yet. This one becomes the admin: it can invite others and give them roles.
      </p>
      <div className="mt-5 space-y-4">
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <TextField label="Name" name="name" autoComplete="name" maxLength={200} placeholder="Optional" />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_RULE} />
        <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required invalid={problem !== null} />
      </div>
      <InlineError message={problem ?? (setup.isError ? errorMessage(setup.error) : null)} className="mt-4" />
      {alreadyDone ? (
        <p className="mt-2 text-sm">
          <Link href="/login" className="font-medium text-indigo-600 hover:text-indigo-500">
            Go to sign in
          </Link>
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="mt-5 w-full" disabled={busy}>
        {busy ? "Creating account…" : "Create account and sign in"}
      </Button>
    </form>
  );
}
