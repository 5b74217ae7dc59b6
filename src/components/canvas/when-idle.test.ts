import { afterEach, describe, expect, it, vi } from "vitest";
import { whenIdle } from "./when-idle";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A page still loading: `document.readyState` and a `window` that can fire `load`. */
function loadingPage() {
  const window = new EventTarget();
  vi.stubGlobal("window", window);
  vi.stubGlobal("document", { readyState: "loading" });
  return { load: () => window.dispatchEvent(new Event("load")) };
}

describe("whenIdle", () => {
  it("waits for the page's load event, then for idle (a timer here, without requestIdleCallback)", () => {
    vi.useFakeTimers();
    const page = loadingPage();
    const callback = vi.fn();
    whenIdle(callback, { fallbackMs: 50 });
    vi.advanceTimersByTime(5_000);
    expect(callback).not.toHaveBeenCalled();
    page.load();
    vi.advanceTimersByTime(49);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledOnce();
  });

  it("cancelled before the load event, never runs", () => {
    vi.useFakeTimers();
    const page = loadingPage();
    const callback = vi.fn();
    whenIdle(callback, { fallbackMs: 50 })();
    page.load();
    vi.advanceTimersByTime(1_000);
    expect(callback).not.toHaveBeenCalled();
  });

  it("on a loaded page (or without one), only waits for idle", () => {
    vi.useFakeTimers();
    const callback = vi.fn();
    whenIdle(callback, { fallbackMs: 50 });
    vi.advanceTimersByTime(50);
    expect(callback).toHaveBeenCalledOnce();
  });
});
