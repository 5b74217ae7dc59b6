import { startExecutionFeed, type ExecutionFeed, type FeedPorts } from "./execution-feed";

/**
 * The tab's feeds, one per followed execution, shared by every component that
 * shows it and stopped when the last one lets go. (The server keeps one
 * position per socket and execution, so two independent subscriptions from
 * one tab would move each other's position.)
 */
const feeds = new Map<string, { feed: ExecutionFeed; holders: number }>();

export function followExecution(executionId: string, ports: FeedPorts): { feed: ExecutionFeed; release(): void } {
  let entry = feeds.get(executionId);
  if (!entry) {
    entry = { feed: startExecutionFeed(executionId, ports), holders: 0 };
    feeds.set(executionId, entry);
  }
  entry.holders += 1;
  const held = entry;
  let released = false;
  return {
    feed: held.feed,
    release() {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      held.feed.stop();
      if (feeds.get(executionId) === held) feeds.delete(executionId);
    },
  };
}
