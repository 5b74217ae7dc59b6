import { z } from "zod";
import { EXECUTION_STATUSES } from "./execution-statuses";

/**
 * What a browser receives about running executions, over socket.io (and the
 * same events over tRPC `execution.events`). Shared by the web process and the
 * client UI. Design and guarantees: docs/ARCHITECTURE.md "Live events".
 *
 * Terminology:
 * - seq       — an execution's event number, 1..N without gaps (ExecutionEvent.seq).
 * - afterSeq  — the last seq a client already has; it receives seq > afterSeq.
 * - room      — `execution:<id>` (that execution's events, in order) or
 *               `workflow:<id>` (a compact update per transition of any of its executions).
 */

export { EXECUTION_STATUSES };
export const LiveExecutionStatus = z.enum(EXECUTION_STATUSES);
export type LiveExecutionStatus = z.infer<typeof LiveExecutionStatus>;

/** One ExecutionEvent row. `type` is `node.<status>` or `execution.<status>`; `at` is an ISO timestamp. */
export const LiveEvent = z.object({
  executionId: z.string(),
  workflowId: z.string().nullable(),
  seq: z.number().int().positive(),
  type: z.string(),
  payload: z.json(),
  at: z.string(),
});
export type LiveEvent = z.infer<typeof LiveEvent>;

/** Sent to `workflow:<id>` after each transition: enough to refresh a list row. */
export const LiveExecutionUpdate = z.object({
  executionId: z.string(),
  workflowId: z.string(),
  status: LiveExecutionStatus,
  seq: z.number().int().nonnegative(),
});
export type LiveExecutionUpdate = z.infer<typeof LiveExecutionUpdate>;

const ID = "[\\w-]{1,100}";
export const EXECUTION_ROOM = new RegExp(`^execution:(${ID})$`);
export const WORKFLOW_ROOM = new RegExp(`^workflow:(${ID})$`);

/** `subscribe` from the client. `afterSeq` applies to execution rooms (default 0: everything). */
export const SubscribeRequest = z.object({
  room: z.string().refine((room) => EXECUTION_ROOM.test(room) || WORKFLOW_ROOM.test(room), "expected execution:<id> or workflow:<id>"),
  afterSeq: z.number().int().nonnegative().default(0),
});
export type SubscribeRequest = z.input<typeof SubscribeRequest>;

export const UnsubscribeRequest = z.object({ room: z.string() });
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;

/** The acknowledgement of `subscribe` / `unsubscribe`. */
export type SubscribeAck = { ok: true } | { ok: false; error: string };

/** socket.io event names and their arguments, for typed `Server` / `Socket`. */
export const LIVE = {
  events: "execution.events",
  update: "execution.update",
  subscribe: "subscribe",
  unsubscribe: "unsubscribe",
} as const;

export type ServerToClientEvents = {
  /** A batch of one execution's events, in seq order, continuing exactly where the last batch ended. */
  "execution.events": (events: LiveEvent[]) => void;
  "execution.update": (update: LiveExecutionUpdate) => void;
};

export type ClientToServerEvents = {
  subscribe: (request: SubscribeRequest, ack?: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: UnsubscribeRequest, ack?: (result: SubscribeAck) => void) => void;
};

/** The channel and payload of the NOTIFY sent by every transition (save-step.ts). Never carries event payloads (8000-byte limit). */
export const EVENTS_CHANNEL = "switchyard_execution_events";
export const EventsNotice = z.object({
  executionId: z.string(),
  workflowId: z.string().nullable(),
  status: LiveExecutionStatus,
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().positive(),
});
export type EventsNotice = z.infer<typeof EventsNotice>;
