import type { EngineError, ExecutionState, NodeRunUpdate } from "@/engine/execution-types";
import type { NodeEventPayload, StoredEvent } from "@/lib/live-events";

/**
 * The events a step writes, built only here so each is checked against the
 * shared schema (live-events.ts) at compile time: a status the schema does not
 * list, or a payload of the wrong shape, does not compile.
 */

/** `node.<status>` for one NodeRunUpdate; `node.succeeded` also names the handles it fired. */
export function nodeRunEvent(update: NodeRunUpdate): StoredEvent {
  const payload: NodeEventPayload = {
    runKey: update.runKey,
    nodeId: update.nodeId,
    nodeType: update.nodeType,
    attempt: update.attempt,
    error: update.error ?? null,
  };
  if (update.status !== "succeeded") return { type: `node.${update.status}`, payload };
  return { type: "node.succeeded", payload: update.handles === undefined ? payload : { ...payload, handles: update.handles } };
}

/** `execution.<status>`, written when a step changes the execution's status. */
export function executionStatusEvent(status: ExecutionState["status"], error: EngineError | undefined): StoredEvent {
  return { type: `execution.${status}`, payload: { status, error: error ?? null } };
}
