import { z } from "zod";
import { roleProcedure, router } from "@/server/trpc/init";
import { AuditAction, listAuditEvents } from "@/server/auth/audit";

/** The audit log, newest first, for admins. */
export const auditRouter = router({
  list: roleProcedure("admin")
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(500).default(100),
          cursor: z.string().min(1).max(100).optional(),
          action: AuditAction.optional(),
        })
        .default({ limit: 100 }),
    )
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
