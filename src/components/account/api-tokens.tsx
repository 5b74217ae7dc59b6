"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { SecretOnce } from "@/components/ui/secret-once";
import { TextField } from "@/components/ui/text-field";
import { ApiTokenRow } from "./api-token-row";

/**
 * The user's API tokens for scripts (`Authorization: Bearer …`): create one by
 * name — the token is shown this once, only its hash is kept — and the list
 * (prefix, created, last used) with Revoke.
 */
export function ApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const tokens = useQuery(trpc.token.list.queryOptions());
  const create = useMutation(
    trpc.token.create.mutationOptions({
      onSuccess: async ({ name, token }) => {
        setCreated({ name, token });
        form.current?.reset();
        await queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <section aria-labelledby="tokens-heading" className="mt-6 rounded-xl border border-zinc-200 bg-white p-5 shadow-xs">
      <h2 id="tokens-heading" className="text-base font-semibold text-zinc-900">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-zinc-500">
        For scripts and the API: send <code className="rounded bg-zinc-100 px-1 font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. A
        token acts as you, with your role.
      </p>
      <form ref={form} onSubmit={submit} className="mt-4 flex max-w-md items-end gap-2">
        <TextField label="Token name" name="name" required maxLength={100} placeholder="e.g. Deploy script" autoComplete="off" className="flex-1" onChange={() => create.reset()} />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <InlineError message={create.isError ? errorMessage(create.error) : null} className="mt-2" />
      {created ? (
        <div role="status" className="mt-4 max-w-xl">
          <SecretOnce
            label={`New token ${created.name}`}
            value={created.token}
            warning={`Copy the token “${created.name}” now: it is shown only once. Only a fingerprint of it is stored.`}
          />
        </div>
      ) : null}

      <div className="mt-5">
        {tokens.isPending ? (
          <p aria-busy="true" className="text-sm text-zinc-500">
            Loading tokens…
          </p>
        ) : tokens.isError ? (
          <InlineError message={`Could not load tokens. ${errorMessage(tokens.error)}`} />
        ) : tokens.data.length === 0 ? (
          <p className="text-sm text-zinc-500">No tokens yet.</p>
        ) : (
          <table aria-label="API tokens" className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Token</th>
                <th scope="col" className="py-2 pr-4 font-medium">Created</th>
                <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tokens.data.map((token) => (
                <ApiTokenRow key={token.id} token={token} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
