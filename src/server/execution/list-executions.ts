import type pg from "pg";
import { DomainError } from "@/server/errors";

/**
 * A workflow's executions, newest first, for the run list (tRPC `execution.list`).
 *
 * Paging: rows are ordered by (createdAt, id) descending and a cursor names the
 * last row of a page, so the next page starts strictly after it. Rows created
 * meanwhile are newer than every cursor and never shift a later page: nothing
 * is shown twice or skipped.
 */
export type ExecutionListItem = {
  id: string;
  status: string;
  mode: string;
  trigger: string;
  /** The workflow version it ran; null for a document run or a version since removed. */
  version: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** From start (or creation, when it never started) to finish; null while unfinished. */
  durationMs: number | null;
  error: { message: string; nodeId: string | null } | null;
};

export type ExecutionListRequest = {
  workflowId: string;
  /** Any of these statuses (all when absent or empty). */
  status?: string[];
  trigger?: string;
  cursor?: string | null;
  limit: number;
};

export type ExecutionListPage = { items: ExecutionListItem[]; nextCursor: string | null };

type Cursor = { createdAt: string; id: string };

/** Opaque to clients: base64url of `[createdAt ISO, id]`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof createdAt === "string" && typeof id === "string" && !Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw new DomainError("BAD_REQUEST", "cursor: not a cursor this list returned (use nextCursor as it came)");
}

type Row = {
  id: string;
  status: string;
  mode: string;
  trigger: string;
  version: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  error: { message?: string; nodeId?: string } | null;
};

export async function listExecutions(pool: pg.Pool, request: ExecutionListRequest): Promise<ExecutionListPage> {
  const cursor = request.cursor ? decodeCursor(request.cursor) : null;
  const statuses = request.status?.length ? request.status : null;
  // Timestamps are stored as UTC without a zone: convert them to timestamptz so pg returns the right instant.
  const { rows } = await pool.query<Row>(
    `SELECT x.id, x.status, x.mode, x.trigger, v.version,
            x."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
            x."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
            x."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt",
            round(EXTRACT(EPOCH FROM (x."finishedAt" - coalesce(x."startedAt", x."createdAt"))) * 1000)::int AS "durationMs",
            x.error
       FROM "Execution" x LEFT JOIN "WorkflowVersion" v ON v.id = x."workflowVersionId"
      WHERE x."workflowId" = $1
        AND ($2::text[] IS NULL OR x.status = ANY($2))
        AND ($3::text IS NULL OR x.trigger = $3)
        AND ($4::timestamptz IS NULL OR (x."createdAt", x.id) < ($4::timestamptz AT TIME ZONE 'UTC', $5::text))
      ORDER BY x."createdAt" DESC, x.id DESC
      LIMIT $6`,
    [request.workflowId, statuses, request.trigger ?? null, cursor?.createdAt ?? null, cursor?.id ?? null, request.limit + 1],
  );
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > request.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

function toListItem(row: Row): ExecutionListItem {
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    trigger: row.trigger,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    error: row.error ? { message: row.error.message ?? "", nodeId: row.error.nodeId ?? null } : null,
  };
}
