"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createEditorStore, type EditorSnapshot, type EditorState, type EditorStore } from "./editor-store";

const EditorStoreContext = createContext<EditorStore | null>(null);

/**
 * One editor store per mounted editor. `initial` is read once: to show another
 * workflow, remount with a different `key`; to show a newer version of the same
 * workflow, call `load` on the store.
 */
export function EditorStoreProvider({ initial, children }: { initial: EditorSnapshot; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(initial));
  // Effects run only in the browser: the server's render must not validate.
  useEffect(() => store.getState().startValidation(), [store]);
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("useEditorStore must be used inside <EditorStoreProvider>");
  return store;
}

/** Read one slice of the editor state; the component re-renders only when that slice changes. */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
