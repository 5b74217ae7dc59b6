"use client";

import { createContext, useContext } from "react";
import type { SuggestionContext } from "./expression-suggestions";

/**
 * What expression autocomplete needs to know about the node being edited (the
 * document, its id, the last run's outputs). Provided once by the panel so
 * every expression input below it, however deeply nested, can suggest.
 */
export const ExpressionScope = createContext<SuggestionContext | null>(null);

export function useExpressionScope(): SuggestionContext | null {
  return useContext(ExpressionScope);
}
