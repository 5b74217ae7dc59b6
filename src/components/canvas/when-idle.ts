import { useEffect, useState } from "react";

/**
 * Runs `callback` once the browser is idle (requestIdleCallback), at the
 * latest after `timeoutMs`; where there is no requestIdleCallback (Safari,
 * Node in tests), after `fallbackMs`. Returns a function that cancels it.
 *
 * For work the first paint should not wait for: the canvas first draws the
 * cards in view, then the mini map, validation and code for panels not open yet.
 */
export function whenIdle(callback: () => void, { timeoutMs = 1000, fallbackMs = 200 }: { timeoutMs?: number; fallbackMs?: number } = {}): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(() => callback(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(callback, fallbackMs);
  return () => clearTimeout(handle);
}

/**
 * False until `ready` has been true and the browser was idle after that; then
 * true for good. E.g. `useIdleAfter(cardsDrawn)` (the editor store's): after
 * the canvas's first cards are on screen.
 */
export function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => (ready && !idle ? whenIdle(() => setIdle(true)) : undefined), [ready, idle]);
  return idle;
}
