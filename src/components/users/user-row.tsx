"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { isRole } from "@/server/auth/roles";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleSelect } from "./role-select";
import type { UserSummary } from "./types";

/**
 * One account: its role (changed as soon as another is picked), whether it
 * may sign in, and Disable (after a confirmation: it signs them out at once) or
 * Enable. The server's refusals — e.g. removing the last admin — appear under the row.
 */
export function UserRow({ user, isYou }: { user: UserSummary; isYou: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const setRole = useMutation(trpc.user.setRole.mutationOptions({ onSettled: refresh }));
  const disable = useMutation(trpc.user.disable.mutationOptions({ onSettled: refresh, onSuccess: () => setConfirmingDisable(false) }));
  const enable = useMutation(trpc.user.enable.mutationOptions({ onSettled: refresh }));
  const failed = [setRole, disable, enable].find((mutation) => mutation.isError);
  const busy = setRole.isPending || disable.isPending || enable.isPending;
  const disabled = user.disabledAt !== null;

  function resetErrors() {
    for (const mutation of [setRole, disable, enable]) mutation.reset();
  }

  return (
    <>
      <tr aria-label={user.email} className={disabled ? "bg-zinc-50/60" : undefined}>
        <td className="px-4 py-3 font-medium text-zinc-900">
          {user.email}
          {isYou ? <span className="ml-1.5 text-xs font-normal text-zinc-500">(you)</span> : null}
        </td>
        <td className="px-4 py-3 text-zinc-700">{user.name ?? <span className="text-zinc-400">—</span>}</td>
        <td className="px-4 py-3">
          <RoleSelect
            aria-label={`Role of ${user.email}`}
            value={isRole(user.role) ? user.role : undefined}
            disabled={busy}
            onChange={(event) => {
              resetErrors();
              const role = event.target.value;
              if (isRole(role)) setRole.mutate({ id: user.id, role });
            }}
          />
        </td>
        <td className="px-4 py-3">
          {disabled ? (
            <span className="rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-700">Disabled</span>
          ) : (
            <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">Active</span>
          )}
        </td>
        <td className="px-4 py-3 whitespace-nowrap text-zinc-500">
          <RelativeTime date={user.createdAt} />
        </td>
        <td className="px-4 py-3 text-right whitespace-nowrap">
          {disabled ? (
            <Button size="sm" onClick={() => {
                resetErrors();
                enable.mutate({ id: user.id });
              }} disabled={busy}>
              {enable.isPending ? "Enabling…" : "Enable"}
            </Button>
          ) : confirmingDisable ? (
            <span role="group" aria-label={`Confirm disabling ${user.email}`} className="inline-flex items-center gap-2">
              <span className="text-xs text-zinc-600">Sign them out and disable?</span>
              <Button size="sm" variant="danger" onClick={() => disable.mutate({ id: user.id })} disabled={busy}>
                {disable.isPending ? "Disabling…" : "Disable"}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmingDisable(false)} disabled={busy} autoFocus>
                Cancel
              </Button>
            </span>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => {
                resetErrors();
                setConfirmingDisable(true);
              }} disabled={busy}>
              Disable
            </Button>
          )}
        </td>
      </tr>
      {failed ? (
        <tr>
          <td colSpan={6} className="bg-red-50 px-4 py-2">
            <InlineError message={errorMessage(failed.error)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
