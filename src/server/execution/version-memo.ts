/**
 * What this process has learnt about workflow versions (how their starts go, whether their timers or
 * starts can skip the lock or the queue): a Map by version id, bounded — the oldest learnt is forgotten
 * first. A version never changes, so nothing goes stale; forgetting only costs relearning.
 */
export function versionMemo<T>(max = 500) {
  const entries = new Map<string, T>();
  return {
    get: (versionId: string): T | undefined => entries.get(versionId),
    has: (versionId: string): boolean => entries.has(versionId),
    set(versionId: string, value: T): void {
      entries.delete(versionId); // re-inserted last: Map order is the eviction order
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(versionId, value);
    },
  };
}
