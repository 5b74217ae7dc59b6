import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { loadEnv } from "@/server/env";
import { createPool } from "./pool";

/**
 * The process-wide database handles: one pg Pool, shared by Prisma (driver
 * adapter) and by the few raw-SQL readers. Kept on globalThis so Next's
 * dev-mode module reloading does not open a new pool per edit.
 */
export type Database = { prisma: PrismaClient; pool: pg.Pool };

const globalForDb = globalThis as unknown as { switchyardDb?: Database };

export function createDatabase(connectionString: string, options: { max?: number; name?: string } = {}): Database {
  const pool = createPool(connectionString, options);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

export function getDatabase(): Database {
  if (!globalForDb.switchyardDb) {
    const url = loadEnv().DATABASE_URL ?? process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
    globalForDb.switchyardDb = createDatabase(url, { name: "switchyard-web" });
  }
  return globalForDb.switchyardDb;
}
