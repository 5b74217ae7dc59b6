"use client";

import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";

export type VersionAction = "view" | "restore";

export type VersionRowProps = {
  version: number;
  createdAt: Date;
  /** The version the canvas started from. */
  current: boolean;
  canRestore: boolean;
  /** This row's action in flight, if any. */
  pending: VersionAction | null;
  /** Some row's action is in flight: one at a time. */
  busy: boolean;
  onAction: (action: VersionAction) => void;
};

/** One published version: its number, when it was published, View and (for editors) Restore. */
export function VersionRow({ version, createdAt, current, canRestore, pending, busy, onAction }: VersionRowProps) {
  return (
    <li className="flex items-center gap-2 px-4 py-2.5">
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-1.5 text-sm font-medium text-zinc-900">
          Version {version}
          {current ? <span className="rounded-full bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-700">Current</span> : null}
        </p>
        <p className="text-xs text-zinc-500">
          Published <RelativeTime date={createdAt} />
        </p>
      </div>
      <Button size="sm" variant="ghost" onClick={() => onAction("view")} disabled={busy} aria-label={`View version ${version}`}>
        {pending === "view" ? "Opening…" : "View"}
      </Button>
      {canRestore ? (
        <Button size="sm" onClick={() => onAction("restore")} disabled={busy} aria-label={`Restore version ${version}`}>
          {pending === "restore" ? "Restoring…" : "Restore"}
        </Button>
      ) : null}
    </li>
  );
}
