import { ROLES, type Role } from "@/server/auth/roles";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/components/session/permissions";
import type { SelectHTMLAttributes } from "react";

/** A select of the four roles, each with what it may do. */
export function RoleSelect({ className = "", ...select }: SelectHTMLAttributes<HTMLSelectElement> & { value?: Role; defaultValue?: Role }) {
  return (
    <select
      className={`h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none disabled:text-zinc-400 ${className}`}
      {...select}
    >
      {ROLES.map((role) => (
        <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
