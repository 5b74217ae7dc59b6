import { z } from "zod";
import { publicProcedure, router } from "@/server/trpc/init";
import { workflowService } from "@/server/services/workflow-service";

const Id = z.string().min(1, "id is required").max(100);
const Name = z.string().trim().min(1, "name must not be empty").max(200, "name must be at most 200 characters");
/** The document is validated by the engine's schema inside the service, which names every problem. */
const Document = z.unknown();

export const workflowRouter = router({
  list: publicProcedure.query(({ ctx }) => workflowService(ctx.db).list()),
  get: publicProcedure
    .input(z.object({ id: Id, version: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => workflowService(ctx.db).get(input.id, input.version)),
  versions: publicProcedure
    .input(z.object({ id: Id }))
    .query(({ ctx, input }) => workflowService(ctx.db).versions(input.id)),
  create: publicProcedure
    .input(z.object({ name: Name, document: Document.optional() }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).create(input)),
  saveVersion: publicProcedure
    .input(z.object({ id: Id, document: Document, expectedVersion: z.number().int().nonnegative().optional() }))
    .mutation(({ ctx, input }) =>
      workflowService(ctx.db).saveVersion({ workflowId: input.id, document: input.document, expectedVersion: input.expectedVersion }),
    ),
  rename: publicProcedure
    .input(z.object({ id: Id, name: Name }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).rename(input)),
  delete: publicProcedure
    .input(z.object({ id: Id }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).remove(input.id)),
  validate: publicProcedure
    .input(z.object({ document: Document }))
    .mutation(({ ctx, input }) => {
      const result = workflowService(ctx.db).validate(input.document);
      return result.ok ? { ok: true as const, problems: [] } : { ok: false as const, problems: result.problems };
    }),
});
