import { z } from "zod";
import { authedProcedure, roleProcedure, router } from "@/server/trpc/init";
import { workflowService } from "@/server/services/workflow-service";
import { recordAudit } from "@/server/auth/audit";

const Id = z.string().min(1, "id is required").max(100);
const Name = z.string().trim().min(1, "name must not be empty").max(200, "name must be at most 200 characters");
/** The document is validated by the engine's schema inside the service, which names every problem. */
const Document = z.unknown();

/** Reading: any signed-in role. Changing: builders and admins. */
const builder = roleProcedure("builder", "admin");

export const workflowRouter = router({
  list: authedProcedure.query(({ ctx }) => workflowService(ctx.db).list()),
  get: authedProcedure
    .input(z.object({ id: Id, version: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => workflowService(ctx.db).get(input.id, input.version)),
  versions: authedProcedure
    .input(z.object({ id: Id }))
    .query(({ ctx, input }) => workflowService(ctx.db).versions(input.id)),
  create: builder
    .input(z.object({ name: Name, document: Document.optional() }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).create(input)),
  /** Publishes a new version (what runs from now on); audited as `workflow.publish`. */
  saveVersion: builder
    .input(z.object({ id: Id, document: Document, expectedVersion: z.number().int().nonnegative().optional() }))
    .mutation(async ({ ctx, input }) => {
      const saved = await workflowService(ctx.db).saveVersion({ workflowId: input.id, document: input.document, expectedVersion: input.expectedVersion });
      await recordAudit(ctx.db, { user: ctx.user, ip: ctx.ip }, {
        action: "workflow.publish",
        target: saved.id,
        detail: { name: saved.name, version: saved.latestVersion },
      });
      return saved;
    }),
  /** Keep the canvas unpublished, problems and all (a draft never runs). */
  saveDraft: builder
    .input(z.object({ id: Id, document: Document, expectedVersion: z.number().int().nonnegative().optional() }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).saveDraft({ workflowId: input.id, document: input.document, expectedVersion: input.expectedVersion })),
  discardDraft: builder
    .input(z.object({ id: Id }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).discardDraft(input.id)),
  rename: builder
    .input(z.object({ id: Id, name: Name }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).rename(input)),
  delete: builder
    .input(z.object({ id: Id }))
    .mutation(({ ctx, input }) => workflowService(ctx.db).remove(input.id)),
  validate: authedProcedure
    .input(z.object({ document: Document }))
    .mutation(({ ctx, input }) => {
      const result = workflowService(ctx.db).validate(input.document);
      return result.ok ? { ok: true as const, problems: [] } : { ok: false as const, problems: result.problems };
    }),
});
