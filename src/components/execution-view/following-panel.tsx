"use client";

import { useLayoutEffect, useRef, type ReactNode } from "react";

/**
 * A titled column of the execution page whose rows keep arriving (the event
 * timeline, the logs): a header with the title and a count, and a scrolling
 * body that follows the newest row while the reader is at the bottom and stays
 * put when they scrolled up to read. `rows` is how many rows there are: when
 * it grows, the body scrolls to the bottom (if it was there).
 */
export function FollowingPanel({
  title,
  count,
  rows,
  className = "",
  children,
}: {
  title: string;
  /** What the header says on the right, e.g. "12 events". */
  count: string;
  rows: number;
  className?: string;
  children: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [rows]);

  return (
    <section aria-label={title} className={`flex min-h-0 flex-col ${className}`}>
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-2">
        <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
        <span className="text-xs text-zinc-500">{count}</span>
      </div>
      <div
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
        className="min-h-0 flex-1 overflow-y-auto"
      >
        {children}
      </div>
    </section>
  );
}

/** "1 event", "12 events". */
export const counted = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;
