import type { ReactNode } from "react";
import type { NodeType } from "@/engine/nodes/registry";
import type { NodeRunView } from "@/stores/run-view-store";
import { runDetailText, runStatusStyles, type RunStatusStyle } from "./run-status";

/**
 * The pill at a node card's top-right corner while a run is shown: a glyph for
 * the status, the status word, and — once finished — the duration and run count.
 * The failure message, when there is one, is its tooltip.
 */
export function RunStatusBadge({ type, view }: { type: NodeType; view: NodeRunView }) {
  const style = runStatusStyles[view.status];
  const detail = runDetailText(type, view);
  return (
    <div
      className={`absolute -top-3 right-2 flex max-w-[13rem] items-center gap-1 rounded-full px-2 py-0.5 text-[11px] leading-4 font-medium shadow-xs ring-1 ${style.badge}`}
      title={view.error ?? undefined}
    >
      <StatusGlyph icon={style.icon} />
      <span>{style.label}</span>
      {detail ? <span className="truncate font-normal tabular-nums">· {detail}</span> : null}
    </div>
  );
}

function StatusGlyph({ icon }: { icon: RunStatusStyle["icon"] }) {
  switch (icon) {
    case "dot":
      return <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-zinc-500" />;
    case "spinner":
      return <span aria-hidden="true" className="size-3 animate-spin rounded-full border-2 border-indigo-200 border-t-indigo-600" />;
    default:
      return (
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          {glyphPaths[icon]}
        </svg>
      );
  }
}

const glyphPaths = {
  clock: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 5v3l2 1.5" />
    </>
  ),
  check: <path d="m3.5 8.5 3 3 6-7" />,
  cross: <path d="m4.5 4.5 7 7m0-7-7 7" />,
  skip: <path d="M4 4l5 4-5 4zM12 4v8" />,
  stop: <rect x="4" y="4" width="8" height="8" rx="1" />,
} satisfies Record<Exclude<RunStatusStyle["icon"], "dot" | "spinner">, ReactNode>;
