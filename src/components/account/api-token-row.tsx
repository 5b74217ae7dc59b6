"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/routers/app";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { RelativeTime } from "@/components/ui/relative-time";

type ApiTokenSummary = inferRouterOutputs<AppRouter>["token"]["list"][number];

/** One token: its name, prefix and dates, and Revoke (confirmed; it stops working at once). */
export function ApiTokenRow({ token }: { token: ApiTokenSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.token.revoke.mutationOptions({
      onSuccess: () => setConfirming(false),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey() }),
    }),
  );
  const revoked = token.revokedAt !== null;

  return (
    <tr aria-label={token.name} className={revoked ? "text-zinc-400" : undefined}>
      <td className={`py-2.5 pr-4 font-medium ${revoked ? "" : "text-zinc-900"}`}>{token.name}</td>
      <td className="py-2.5 pr-4 font-mono text-xs">{token.prefix}…</td>
      <td className="py-2.5 pr-4 whitespace-nowrap">
        <RelativeTime date={token.createdAt} />
      </td>
      <td className="py-2.5 pr-4 whitespace-nowrap">{token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} /> : "Never"}</td>
      <td className="py-2.5 text-right whitespace-nowrap">
        {revoked ? (
          <span className="text-xs">
            Revoked <RelativeTime date={token.revokedAt!} />
          </span>
        ) : confirming ? (
          <span role="group" aria-label={`Confirm revoking ${token.name}`} className="inline-flex items-center gap-2">
            <span className="text-xs text-zinc-600">Scripts using it stop working.</span>
            <Button size="sm" variant="danger" onClick={() => revoke.mutate({ id: token.id })} disabled={revoke.isPending}>
              {revoke.isPending ? "Revoking…" : "Revoke"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={revoke.isPending} autoFocus>
              Cancel
            </Button>
          </span>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
            Revoke
          </Button>
        )}
        {revoke.isError ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {errorMessage(revoke.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
