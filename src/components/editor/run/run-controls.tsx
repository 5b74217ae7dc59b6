"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type RefObject } from "react";
import { useTRPC } from "@/lib/trpc/client";
import type { Problem } from "@/engine/validate-workflow";
import { errorMessage } from "@/components/ui/error-message";
import { usePermissions } from "@/components/session/session-provider";
import { parseRunInput } from "./run-input";
import { RunBlockedNotice, type RunBlocked } from "./run-blocked-notice";
import { RunInputDialog } from "./run-input-dialog";
import { useRememberedRunInput } from "./use-run-input";

/** What the editor answers before a run: the canvas is valid and saved, or why not. */
export type RunPreparation = { ok: true } | { ok: false; problems: readonly Problem[]; nodeNames: Readonly<Record<string, string>> };

export type RunControlsProps = {
  workflowId: string;
  /**
   * Validates the canvas and saves it when it has unsaved changes (the editor
   * supplies it), because a run always starts from the newest saved version.
   * May throw (a failed save); the error is shown and nothing starts.
   */
  prepareRun: () => Promise<RunPreparation>;
  /** The execution was created; the editor shows it live. */
  onStarted: (executionId: string) => void;
  disabled?: boolean;
};

/**
 * "Run" and "Run input": starts a normal run of the workflow with the input
 * remembered for it (default `{}`). Before starting, `prepareRun` must say the
 * canvas is fine; otherwise the problems are listed instead. Hidden for roles
 * that may not start runs (the API would refuse them).
 */
export function RunControls({ workflowId, prepareRun, onStarted, disabled = false }: RunControlsProps) {
  const { editWorkflows } = usePermissions();
  const trpc = useTRPC();
  const start = useMutation(trpc.execution.start.mutationOptions());
  const [inputText, setInputText] = useRememberedRunInput(workflowId);
  const parsed = parseRunInput(inputText);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [blocked, setBlocked] = useState<RunBlocked | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const running = preparing || start.isPending;

  useCloseOnOutsidePointer(container, dialogOpen, () => setDialogOpen(false));

  if (!editWorkflows) return null;

  async function run() {
    if (!parsed.ok) return; // both run buttons are disabled then
    const input = parsed.value;
    setBlocked(null);
    setPreparing(true);
    let preparation: RunPreparation;
    try {
      preparation = await prepareRun();
    } catch (error) {
      showBlocked({ kind: "error", message: errorMessage(error) });
      return;
    } finally {
      setPreparing(false);
    }
    if (!preparation.ok) {
      showBlocked({ kind: "problems", problems: preparation.problems, nodeNames: preparation.nodeNames });
      return;
    }
    start.mutate(
      { workflowId, input },
      {
        onSuccess: ({ executionId }) => {
          setDialogOpen(false);
          onStarted(executionId);
        },
        onError: (error) => showBlocked({ kind: "error", message: errorMessage(error) }),
      },
    );
  }

  /** The notice takes the popover's place, so the input dialog closes (its text is kept). */
  function showBlocked(reason: RunBlocked) {
    setDialogOpen(false);
    setBlocked(reason);
  }

  function closeDialog() {
    setDialogOpen(false);
    toggle.current?.focus();
  }

  return (
    <div ref={container} className="relative flex items-center">
      <button
        type="button"
        onClick={() => void run()}
        disabled={disabled || running || !parsed.ok}
        aria-busy={running || undefined}
        title={parsed.ok ? "Publishes unsaved changes, then runs with the remembered input" : "Fix the run input first"}
        className="inline-flex h-9 items-center gap-1.5 rounded-l-md bg-indigo-600 pr-3 pl-3 text-sm font-medium text-white shadow-sm transition-colors hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300"
      >
        {running ? (
          <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-white/40 border-t-white" />
        ) : (
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
            <path d="M4.5 2.8v10.4a.6.6 0 0 0 .92.5l8.1-5.2a.6.6 0 0 0 0-1L5.42 2.3a.6.6 0 0 0-.92.5Z" />
          </svg>
        )}
        Run
      </button>
      <button
        ref={toggle}
        type="button"
        aria-label="Run input"
        aria-haspopup="dialog"
        aria-expanded={dialogOpen}
        onClick={() => setDialogOpen((open) => !open)}
        disabled={disabled}
        title="Run input"
        className="inline-flex h-9 items-center rounded-r-md border-l border-indigo-500 bg-indigo-600 px-2 text-white shadow-sm transition-colors hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300"
      >
        {parsed.ok ? null : <span aria-hidden="true" className="mr-1 size-1.5 rounded-full bg-amber-300" />}
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m4 6 4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {dialogOpen ? (
        <RunInputDialog
          text={inputText}
          parsed={parsed}
          onTextChange={setInputText}
          onRun={() => void run()}
          running={running}
          disabled={disabled}
          onClose={closeDialog}
        />
      ) : blocked ? (
        <RunBlockedNotice blocked={blocked} onDismiss={() => setBlocked(null)} />
      ) : null}
    </div>
  );
}

/** Close the input dialog when the pointer goes down anywhere outside the controls. */
function useCloseOnOutsidePointer(container: RefObject<HTMLElement | null>, open: boolean, close: () => void) {
  const latestClose = useRef(close);
  useEffect(() => {
    latestClose.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) latestClose.current();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [container, open]);
}
