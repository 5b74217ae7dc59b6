/**
 * The pure interpreter: data in, data out. `startExecution` takes a validated
 * workflow and an input; `applyEvent` takes the state it returned (after any
 * number of steps, JSON round-tripped) and one event. Both return the new
 * state, the commands for the durable driver and the NodeRunUpdates. No I/O, no
 * clock (time comes in `ctx.now`), no randomness; the input state is never mutated.
 */
export { startExecution } from "./start-execution";
export { applyEvent } from "./apply-event";
export type { InterpreterState } from "./interpreter-state";
