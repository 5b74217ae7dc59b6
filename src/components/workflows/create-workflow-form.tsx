"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";

/**
 * Name a new workflow, create it (with its manual trigger) and open it. The
 * field is uncontrolled and read on submit, so text typed before the page
 * finished loading is not lost.
 */
export function CreateWorkflowForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const inputId = useId();
  const [missingName, setMissingName] = useState(false);
  const create = useMutation(
    trpc.workflow.create.mutationOptions({
      onSuccess: async (workflow) => {
        await queryClient.invalidateQueries({ queryKey: trpc.workflow.list.queryKey() });
        router.push(`/workflows/${workflow.id}`);
      },
    }),
  );
  const busy = create.isPending || create.isSuccess;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    setMissingName(!name);
    if (name) create.mutate({ name });
  }

  function clearErrors() {
    setMissingName(false);
    if (create.isError) create.reset();
  }

  const error = missingName ? "Enter a name for the workflow." : create.isError ? errorMessage(create.error) : null;

  return (
    <form onSubmit={submit} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800">
        Workflow name
      </label>
      <div className="mt-2 flex gap-2">
        <input
          id={inputId}
          name="name"
          onChange={clearErrors}
          placeholder="e.g. Order approval"
          maxLength={200}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          className="h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-400"
        />
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create workflow"}
        </Button>
      </div>
      <InlineError message={error} className="mt-2" />
    </form>
  );
}
