import type { TaskList } from "graphile-worker";

/**
 * Every graphile-worker task this project defines. Tasks are thin: load,
 * call the engine/service, save, enqueue. The engine's tasks arrive with the
 * engine (issue 3); `worker.ping` lets tests and health checks prove that a
 * worker really picks up jobs.
 */
export const taskList: TaskList = {
  "worker.ping": async (payload, helpers) => {
    const { replyChannel } = (payload ?? {}) as { replyChannel?: string };
    if (replyChannel) {
      await helpers.withPgClient((client) => client.query("SELECT pg_notify($1, $2)", [replyChannel, helpers.job.id]));
    }
  },
};
