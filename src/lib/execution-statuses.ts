/**
 * An execution's statuses. Without zod, so a page that only shows a status
 * (the editor's run banner) does not load it; `live-events.ts` builds its
 * schemas from this list.
 */
export const EXECUTION_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled", "timed_out"] as const;
