"use client";

import { useCallback, useEffect, useState } from "react";
import { DEFAULT_RUN_INPUT, loadRunInput, saveRunInput } from "./run-input";

/**
 * The run input text of one workflow, remembered in localStorage as it is typed.
 * It starts as `{}` and reads the remembered text after mounting, so the server
 * render and the first client render agree.
 */
export function useRememberedRunInput(workflowId: string): [string, (text: string) => void] {
  const [text, setText] = useState(DEFAULT_RUN_INPUT);

  useEffect(() => {
    setText(loadRunInput(browserStorage(), workflowId));
  }, [workflowId]);

  const update = useCallback(
    (next: string) => {
      setText(next);
      saveRunInput(browserStorage(), workflowId, next);
    },
    [workflowId],
  );

  return [text, update];
}

/** `window.localStorage`, or undefined where reading it throws (storage disabled). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
