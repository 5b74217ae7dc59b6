"use client";

import type { Problem } from "@/engine/validate-workflow";
import { problemLine } from "../problems/problem-lines";
import { Button } from "@/components/ui/button";
import { cantRunHeading } from "./run-input";

/** How many problems are listed before "and N more" (the canvas marks every one). */
const LISTED_PROBLEMS = 8;

export type RunBlocked =
  | { kind: "problems"; problems: readonly Problem[]; nodeNames: Readonly<Record<string, string>> }
  | { kind: "error"; message: string };

/**
 * Why pressing Run started nothing: the canvas has problems (each names its
 * node — by the name on the canvas, as the problem list does — or edge, and
 * the field), or the save or start request failed. Announced as
 * an alert; it stays until dismissed or the next run attempt.
 */
export function RunBlockedNotice({ blocked, onDismiss }: { blocked: RunBlocked; onDismiss: () => void }) {
  const hidden = blocked.kind === "problems" ? blocked.problems.length - LISTED_PROBLEMS : 0;
  return (
    <div
      role="alert"
      className="absolute top-full right-0 z-30 mt-1.5 w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-red-200 bg-red-50 p-3 shadow-lg"
    >
      <div className="flex items-start gap-2">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0 text-red-600" fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="8" cy="8" r="6.25" />
          <path d="M8 4.75v3.75M8 11v.01" strokeLinecap="round" />
        </svg>
        <div className="min-w-0 flex-1">
          {blocked.kind === "problems" ? (
            <>
              <p className="text-sm font-semibold text-red-900">{cantRunHeading(blocked.problems.length)}</p>
              <ul className="mt-1.5 list-disc space-y-0.5 pl-4 text-sm text-red-800">
                {blocked.problems.slice(0, LISTED_PROBLEMS).map((problem, index) => (
                  <li key={index} className="break-words">
                    {problemLine(problem, blocked.nodeNames).text}
                  </li>
                ))}
              </ul>
              {hidden > 0 ? <p className="mt-1 text-xs text-red-700">…and {hidden} more, marked on the canvas.</p> : null}
            </>
          ) : (
            <p className="text-sm text-red-800">
              <span className="font-semibold text-red-900">Not started.</span> {blocked.message}
            </p>
          )}
        </div>
        <Button size="sm" variant="ghost" onClick={onDismiss} aria-label="Dismiss run message" className="-mt-1 -mr-1 text-red-700 hover:bg-red-100">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="m4 4 8 8M12 4l-8 8" strokeLinecap="round" />
          </svg>
        </Button>
      </div>
    </div>
  );
}
