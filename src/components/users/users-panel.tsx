"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { CreateUserForm } from "./create-user-form";
import { UserRow } from "./user-row";

/** The admin's view of accounts: add one, and the list with role and status controls. */
export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.user.list.queryOptions());

  return (
    <>
      <div className="mt-6">
        <CreateUserForm />
      </div>
      <section aria-label="Accounts" className="mt-6">
        {users.isPending ? (
          <div aria-busy="true" className="h-40 animate-pulse rounded-xl border border-zinc-200 bg-white shadow-xs">
            <p className="sr-only">Loading users…</p>
          </div>
        ) : users.isError ? (
          <div role="alert" className="flex items-center justify-between gap-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3">
            <p className="text-sm text-red-800">Could not load users. {errorMessage(users.error)}</p>
            <Button size="sm" onClick={() => void users.refetch()}>
              Try again
            </Button>
          </div>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs">
            <table aria-label="Users" className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">Email</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Role</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">Created</th>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {users.data.map((user) => (
                  <UserRow key={user.id} user={user} isYou={user.id === currentUserId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
