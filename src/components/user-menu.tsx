"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { ROLE_LABELS, type SessionUser } from "./session/permissions";
import { errorMessage } from "./ui/error-message";

/**
 * Who is signed in (name, email, role), a link to their account page, and
 * "Sign out". Closes on Escape, on a click outside, and after choosing.
 */
export function UserMenu({ user }: { user: SessionUser }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // A full page load afterwards: nothing cached for this user survives.
  const signOut = useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => window.location.assign("/login") }));

  useEffect(() => {
    if (!open) return;
    menuItems(container.current)[0]?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", closeOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  const shownName = user.name ?? user.email;
  return (
    <div ref={container} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        className="flex h-8 items-center gap-2 rounded-md pr-1.5 pl-1 text-sm text-zinc-700 hover:bg-zinc-100"
      >
        <span aria-hidden="true" className="flex size-6 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {initials(shownName)}
        </span>
        <span className="sr-only">Account menu: </span>
        <span className="max-w-48 truncate">{shownName}</span>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 text-zinc-400" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div id={menuId} role="menu" aria-label="Account" onKeyDown={moveFocus} className="absolute right-0 mt-1 w-64 rounded-lg border border-zinc-200 bg-white py-1 shadow-lg">
          <div className="border-b border-zinc-100 px-3 pt-1.5 pb-2.5">
            {user.name ? <p className="truncate text-sm font-medium text-zinc-900">{user.name}</p> : null}
            <p className="truncate text-sm text-zinc-600">{user.email}</p>
            <p className="mt-1.5">
              <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700">{ROLE_LABELS[user.role]}</span>
            </p>
          </div>
          <Link role="menuitem" href="/account" onClick={() => setOpen(false)} className="block px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50 focus:bg-zinc-50">
            Account
          </Link>
          <button
            role="menuitem"
            type="button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending || signOut.isSuccess}
            className="block w-full px-3 py-1.5 text-left text-sm text-zinc-700 hover:bg-zinc-50 focus:bg-zinc-50 disabled:text-zinc-400"
          >
            {signOut.isPending || signOut.isSuccess ? "Signing out…" : "Sign out"}
          </button>
          {signOut.isError ? <p role="alert" className="px-3 py-1.5 text-xs text-red-700">{errorMessage(signOut.error)}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

function menuItems(container: HTMLElement | null): HTMLElement[] {
  return container ? [...container.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)')] : [];
}

/** Arrow keys, Home and End move between the menu's items, as in any menu. */
function moveFocus(event: ReactKeyboardEvent<HTMLDivElement>) {
  const items = menuItems(event.currentTarget);
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
  if (next === undefined || items.length === 0) return;
  event.preventDefault();
  items[(next + items.length) % items.length]?.focus();
}

/** "Ada Lovelace" → "AL"; "ada@example.com" → "A". */
function initials(name: string): string {
  const words = name.split("@")[0]!.split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? words[0]![0]! + words.at(-1)![0]! : (words[0]?.[0] ?? "?");
  return letters.toUpperCase();
}
