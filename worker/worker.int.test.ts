import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startWorker, type WorkerHandle } from "./start-worker";
import { readHealth } from "@/server/services/health-service";

/** A real graphile-worker runner on this file's database: it picks up jobs and beats. */
let worker: WorkerHandle;
let pool: pg.Pool;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, concurrency: 2, heartbeatSeconds: 1 });
});

afterAll(async () => {
  await worker.stop();
  await pool.end();
});

describe("worker process", () => {
  it("registers a heartbeat that health reports as alive", async () => {
    const health = await readHealth(pool);
    expect(health.status).toBe("ok");
    expect(health.workers.list.map((w) => w.workerId)).toContain(worker.workerId);
  });

  it("runs a job enqueued with graphile_worker.add_job in SQL", async () => {
    const listener = await pool.connect();
    try {
      await listener.query("LISTEN ping_reply");
      const replied = new Promise<string>((resolve) => listener.on("notification", (n) => resolve(n.payload ?? "")));
      const { rows } = await pool.query<{ id: string }>(
        "SELECT id FROM graphile_worker.add_job('worker.ping', json_build_object('replyChannel', 'ping_reply'))",
      );
      expect(await replied).toBe(String(rows[0]!.id));
    } finally {
      listener.release();
    }
  });

  it("removes its heartbeat when stopped", async () => {
    const extra = await startWorker({ databaseUrl: process.env.DATABASE_URL!, concurrency: 1, heartbeatSeconds: 1 });
    await extra.stop();
    const { rowCount } = await pool.query(`SELECT 1 FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [extra.workerId]);
    expect(rowCount).toBe(0);
  });
});
