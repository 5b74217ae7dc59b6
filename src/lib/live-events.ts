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

/*
 * Events. ONE schema for what the server writes (save-step.ts builds them with
 * step-events.ts) and what a client reads (read-live-event.ts parses each one
 * as it arrives, in the live feed's chunk: the editor's first load has no zod,
 * so the run view imports only these types).
 *
 * - node.<status>      a node run's status changed; status ∈ the engine's NodeRunStatus.
 * - execution.<status> the execution's status changed (never `queued`: that is where it starts).
 * - unreadable         client side only: an event this client could not read (written by a newer
 *                      server, or by hand), kept so its seq is not a hole; it changes no view.
 *
 * Compatibility: events are stored for good, so a field added later MUST be
 * optional here (older rows lack it): `handles` on node.succeeded.
 */

/** An error as stored on events (the engine's EngineError); unknown fields are kept. */
export const EventError = z.looseObject({
  type: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  retryable: z.boolean().optional(),
  code: z.string().optional(),
});
export type EventError = z.infer<typeof EventError>;

/** The payload of every `node.<status>` event. `error` is set on failed and cancelled runs. */
export const NodeEventPayload = z.object({
  runKey: z.string(),
  nodeId: z.string(),
  nodeType: z.string(),
  attempt: z.number().int().positive(),
  error: EventError.nullable(),
});
export type NodeEventPayload = z.infer<typeof NodeEventPayload>;

/**
 * `node.succeeded` also names the output handles whose edges fired live (the engine's
 * NodeRunUpdate.handles): the path taken. Absent on events written before it was recorded.
 */
export const NodeSucceededPayload = NodeEventPayload.extend({ handles: z.array(z.string()).optional() });
export type NodeSucceededPayload = z.infer<typeof NodeSucceededPayload>;

const envelope = {
  executionId: z.string(),
  workflowId: z.string().nullable(),
  seq: z.number().int().positive(),
  /** ISO timestamp. */
  at: z.string(),
};

const nodeEvent = <S extends string, P extends typeof NodeEventPayload | typeof NodeSucceededPayload>(status: S, payload: P) =>
  z.object({ ...envelope, type: z.literal(`node.${status}` as const), payload });

/** The payload of every `execution.<status>` event: `status` repeats the type's; `error` is set once it failed or ended early. */
export const ExecutionEventPayload = z.object({ status: LiveExecutionStatus, error: EventError.nullable() });
export type ExecutionEventPayload = z.infer<typeof ExecutionEventPayload>;

const executionEvent = <S extends Exclude<LiveExecutionStatus, "queued">>(status: S) =>
  z.object({ ...envelope, type: z.literal(`execution.${status}` as const), payload: ExecutionEventPayload });

/** One ExecutionEvent row, as a client holds it. */
export const LiveEvent = z.discriminatedUnion("type", [
  nodeEvent("running", NodeEventPayload),
  nodeEvent("waiting", NodeEventPayload),
  nodeEvent("succeeded", NodeSucceededPayload),
  nodeEvent("failed", NodeEventPayload),
  nodeEvent("skipped", NodeEventPayload),
  nodeEvent("cancelled", NodeEventPayload),
  executionEvent("running"),
  executionEvent("waiting"),
  executionEvent("succeeded"),
  executionEvent("failed"),
  executionEvent("cancelled"),
  executionEvent("timed_out"),
  z.object({ ...envelope, type: z.literal("unreadable"), payload: z.object({ type: z.string(), problem: z.string() }) }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

export type NodeEvent = Extract<LiveEvent, { type: `node.${string}` }>;
export type ExecutionEvent = Extract<LiveEvent, { type: `execution.${string}` }>;
export type UnreadableEvent = Extract<LiveEvent, { type: "unreadable" }>;

type Envelope = { executionId: string; workflowId: string | null; seq: number; at: string };
type WithoutEnvelope<E> = E extends unknown ? Omit<E, keyof Envelope> : never;
/** What the server writes into an ExecutionEvent row (`type`, `payload`); build it with step-events.ts. */
export type StoredEvent = WithoutEnvelope<NodeEvent | ExecutionEvent>;

/**
 * An event as it travels (socket.io `execution.events`, tRPC `execution.events`): a row read back
 * unparsed, so `type` and `payload` are whatever is stored. Clients read it with read-live-event.ts.
 */
export type WireEvent = Envelope & { type: string; payload: unknown };

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
  "execution.events": (events: WireEvent[]) => void;
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
