import { LiveEvent, type UnreadableEvent, type WireEvent } from "@/lib/live-events";

/**
 * A client reads each event it receives against the shared schema
 * (live-events.ts) once, as it arrives, so everything downstream (the run
 * view, the timeline) narrows by `type` instead of casting payloads.
 *
 * An event it cannot read (an unknown type from a newer server, a payload of
 * the wrong shape) MUST still take its place in the log, or its seq would be
 * a hole the feed keeps trying to fill: it becomes an `unreadable` event that
 * says what was wrong, folds into no view, and is reported once on the console.
 */
export function readLiveEvent(wire: WireEvent): LiveEvent {
  const parsed = LiveEvent.safeParse(wire);
  if (parsed.success && parsed.data.type !== "unreadable") return parsed.data;
  const problem = parsed.success ? `"unreadable" is not an event type a server writes` : describeProblem(wire, parsed.error.issues);
  const unreadable: UnreadableEvent = {
    executionId: wire.executionId,
    workflowId: wire.workflowId,
    seq: wire.seq,
    at: wire.at,
    type: "unreadable",
    payload: { type: String(wire.type), problem },
  };
  console.warn(`execution ${wire.executionId}, event ${wire.seq}: ignored, ${problem}`);
  return unreadable;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(LiveEvent.options.map((option) => option.shape.type.value).filter((type) => type !== "unreadable"));

function describeProblem(wire: WireEvent, issues: readonly { path: PropertyKey[]; message: string }[]): string {
  if (!KNOWN_TYPES.has(wire.type)) return `unknown event type ${JSON.stringify(wire.type)}`;
  const issue = issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "the event";
  return `${wire.type}: ${where}: ${issue?.message ?? "does not match the event schema"}`;
}
