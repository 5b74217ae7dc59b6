import type pg from "pg";
import type { PrismaClient } from "@/generated/prisma/client";

/** What every procedure receives: Prisma for ordinary queries, the pool for transactional SQL. */
export type Context = { db: PrismaClient; pool: pg.Pool };
