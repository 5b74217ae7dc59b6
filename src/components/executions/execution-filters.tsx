"use client";

import type { LiveExecutionStatus } from "@/lib/live-events";
import { FILTERABLE_STATUSES, STATUS_LABELS, toggleStatus, TRIGGER_LABELS, type ExecutionTriggerName } from "./execution-format";

export type ExecutionFilterValues = {
  /** Show runs in any of these statuses; empty: every status. */
  statuses: LiveExecutionStatus[];
  /** Only runs started this way; null: every trigger. */
  trigger: ExecutionTriggerName | null;
};

export const NO_FILTERS: ExecutionFilterValues = { statuses: [], trigger: null };

export function hasFilters(filters: ExecutionFilterValues): boolean {
  return filters.statuses.length > 0 || filters.trigger !== null;
}

/**
 * Status chips (toggle buttons, any number on; none on means all) and a
 * trigger select. Chips are named by their status word and say whether they
 * are on with aria-pressed.
 */
export function ExecutionFilters({ value, onChange }: { value: ExecutionFilterValues; onChange: (next: ExecutionFilterValues) => void }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div role="group" aria-label="Filter by status" className="flex flex-wrap items-center gap-1.5">
        {FILTERABLE_STATUSES.map((status) => {
          const on = value.statuses.includes(status);
          return (
            <button
              key={status}
              type="button"
              aria-pressed={on}
              onClick={() => onChange({ ...value, statuses: toggleStatus(value.statuses, status) })}
              className={`h-7 rounded-full px-2.5 text-xs font-medium ring-1 transition-colors ring-inset ${
                on ? "bg-indigo-600 text-white ring-indigo-600 hover:bg-indigo-500" : "bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50"
              }`}
            >
              {STATUS_LABELS[status]}
            </button>
          );
        })}
      </div>
      <label className="flex items-center gap-2 text-sm text-zinc-600">
        Trigger
        <select
          aria-label="Filter by trigger"
          value={value.trigger ?? ""}
          onChange={(event) => onChange({ ...value, trigger: event.target.value === "" ? null : (event.target.value as ExecutionTriggerName) })}
          className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-800 shadow-xs focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none"
        >
          <option value="">All triggers</option>
          {(Object.keys(TRIGGER_LABELS) as ExecutionTriggerName[]).map((trigger) => (
            <option key={trigger} value={trigger}>
              {TRIGGER_LABELS[trigger]}
            </option>
          ))}
        </select>
      </label>
      {hasFilters(value) ? (
        <button type="button" onClick={() => onChange(NO_FILTERS)} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
