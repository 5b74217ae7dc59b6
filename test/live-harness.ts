import type { AddressInfo } from "node:net";
import type { Database } from "@/server/db/prisma";
import { startLiveEvents } from "@/server/live/live-events-server";
import { createWebServer } from "@/server/web/create-web-server";
import type { WireEvent } from "@/lib/live-events";
import type { SignedInClient } from "./api-client";
import { openTestDatabase } from "./database";
import { doc } from "./engine-harness";

/**
 * What the live-event integration tests share: a web "process" (the product's
 * createWebServer + startLiveEvents, with its own pool and LISTEN connection,
 * no Next.js), a workflow whose run takes three transitions 300 ms apart, and
 * the stored event log to compare deliveries with.
 */
export type LiveWeb = { url: string; close: () => Promise<void> };

export async function startLiveWeb(): Promise<LiveWeb> {
  const webDb = openTestDatabase();
  const { server, io } = createWebServer({ handle: (_req, res) => res.writeHead(404).end(), development: false, maxBodyBytes: 64 * 1024 });
  const live = await startLiveEvents(io, webDb);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await live.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** start → first(delay 0.3 s) → second(delay 0.3 s) → done(output); returns the workflow id. */
export async function createTwoPausesWorkflow(builder: SignedInClient): Promise<string> {
  const created = await builder.mutation<{ id: string }>("workflow.create", {
    name: "Two pauses",
    document: doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "first", type: "delay", config: { seconds: 0.3 } },
        { id: "second", type: "delay", config: { seconds: 0.3 } },
        { id: "done", type: "output", config: { value: "{{ 1 + 1 }}" } },
      ],
      ["start->first", "first->second", "second->done"],
    ),
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.id;
}

/** The execution's stored log, as the socket delivers it. */
export async function storedEvents(db: Database, executionId: string, workflowId: string): Promise<WireEvent[]> {
  const rows = await db.prisma.executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ executionId, workflowId, seq: r.seq, type: r.type, payload: r.payload, at: r.createdAt.toISOString() }));
}
