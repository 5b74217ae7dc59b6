import { getDatabase } from "@/server/db/prisma";
import { readHealth } from "@/server/services/health-service";

export const dynamic = "force-dynamic";

/** Database and worker status. 200 when a worker is alive, 503 otherwise. */
export async function GET() {
  const health = await readHealth(getDatabase().pool);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
