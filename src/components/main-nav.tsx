"use client";

import { useQuery } from "@tanstack/react-query";
import { IntentLink } from "@/components/ui/intent-link";
import { usePathname } from "next/navigation";
import type { Role } from "@/server/auth/roles";
import { useTRPC } from "@/lib/trpc/client";
import { canManageUsers } from "./session/permissions";

/** The sections: Workflows and Approvals for everyone, Users for admins. The current one is marked. */
export function MainNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const links = [
    { href: "/workflows", label: "Workflows" },
    { href: "/approvals", label: "Approvals", badge: <PendingApprovalsCount /> },
    ...(canManageUsers(role) ? [{ href: "/users", label: "Users" }] : []),
  ];
  return (
    <nav aria-label="Main" className="ml-6 flex items-center gap-1 text-sm">
      {links.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <IntentLink
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={`flex items-center gap-1.5 rounded-md px-2 py-1 ${current ? "bg-zinc-100 font-medium text-zinc-900" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"}`}
          >
            {link.label}
            {link.badge}
          </IntentLink>
        );
      })}
    </nav>
  );
}

/** How many approval tasks wait for this user, when any do. */
function PendingApprovalsCount() {
  const trpc = useTRPC();
  // The count, not the list: the badge needs one number, on every page.
  const pending = useQuery(trpc.approval.pendingCount.queryOptions(undefined, { refetchInterval: 30_000 }));
  const count = pending.data ?? 0;
  if (count === 0) return null;
  return (
    <span className="rounded-full bg-indigo-600 px-1.5 text-xs leading-5 font-semibold text-white">
      {count}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
