import type { TaskList } from "graphile-worker";
import { executionTasks, type ExecutionTaskDeps } from "./execution-tasks";

/**
 * Every graphile-worker task this project defines. Tasks are thin: load,
 * call the engine/service, save, enqueue. `worker.ping` lets tests and health
 * checks prove that a worker really picks up jobs.
 */
export function createTaskList(deps: ExecutionTaskDeps): TaskList {
  return {
    ...executionTasks(deps),
    "worker.ping": async (payload, helpers) => {
      const { replyChannel } = (payload ?? {}) as { replyChannel?: string };
      if (replyChannel) {
        await helpers.withPgClient((client) => client.query("SELECT pg_notify($1, $2)", [replyChannel, helpers.job.id]));
      }
    },
  };
}
