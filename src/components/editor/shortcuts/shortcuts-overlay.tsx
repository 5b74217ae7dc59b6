"use client";

import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { SHORTCUT_HELP } from "./shortcut-keys";

/**
 * The "Keyboard shortcuts" dialog, open while mounted (render it when "?" or a
 * "Keyboard shortcuts" button asks; unmount on `onClose`). A native modal
 * <dialog>: focus stays inside, Esc closes it, and focus returns to where it was.
 */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const isMac = useIsMac();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-auto w-full max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-900/30"
    >
      <div className="p-5">
        <div className="flex items-center justify-between">
          <h2 id={titleId} className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <Button variant="ghost" size="sm" onClick={onClose}>
            Close
          </Button>
        </div>
        <p className="mt-1 text-sm text-zinc-500">They work on the canvas, not while you type in a field.</p>
        <dl className="mt-4 divide-y divide-zinc-100 text-sm">
          {SHORTCUT_HELP.map(({ action, keys, description }) => (
            <div key={action} className="flex items-center justify-between gap-4 py-2">
              <dt className="text-zinc-700">{description}</dt>
              <dd className="flex shrink-0 items-center gap-1.5 text-xs text-zinc-400">
                {keys.map((combo, index) => (
                  <span key={combo.join("+")} className="flex items-center gap-1">
                    {index > 0 ? <span>or</span> : null}
                    {combo.map((key) => (
                      <kbd key={key} className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-sans font-medium text-zinc-700 shadow-xs">
                        {key === "Mod" ? (isMac ? "⌘" : "Ctrl") : key}
                      </kbd>
                    ))}
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </dialog>
  );
}

/** ⌘ on Apple devices, else Ctrl. The server (and hydration) renders Ctrl. */
function useIsMac(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => /Mac|iPhone|iPad/.test(navigator.platform),
    () => false,
  );
}

const subscribeToNothing = () => () => undefined;
