import { useEffect, useState } from "react";

/**
 * Runs `callback` once the page has loaded (its `load` event) and the browser
 * is idle (requestIdleCallback), at the latest `timeoutMs` after the load;
 * where there is no requestIdleCallback (Safari, Node in tests), `fallbackMs`
 * after it. Returns a function that cancels it.
 *
 * For work the first paint should not wait for: the canvas first draws the
 * cards in view, then the mini map, validation and code for panels not open
 * yet. After the load event, because a chunk fetched before it holds the
 * event (and the tab's spinner) back until it has arrived.
 */
export function whenIdle(callback: () => void, { timeoutMs = 1000, fallbackMs = 200 }: { timeoutMs?: number; fallbackMs?: number } = {}): () => void {
  let cancelIdle: (() => void) | undefined;
  const schedule = () => {
    if (typeof requestIdleCallback === "function") {
      const handle = requestIdleCallback(() => callback(), { timeout: timeoutMs });
      cancelIdle = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(callback, fallbackMs);
      cancelIdle = () => clearTimeout(handle);
    }
  };
  if (typeof document === "undefined" || document.readyState === "complete") {
    schedule();
    return () => cancelIdle?.();
  }
  window.addEventListener("load", schedule, { once: true });
  return () => {
    window.removeEventListener("load", schedule);
    cancelIdle?.();
  };
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
