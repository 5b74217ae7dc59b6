import { z } from "zod";
import { authedProcedure, router } from "@/server/trpc/init";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/auth/api-tokens";

/** The signed-in user's own API tokens. */
export const tokenRouter = router({
  list: authedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.user.id)),
  /** Returns the token itself (`token`) this once; only its hash is kept. */
  create: authedProcedure
    .input(z.object({ name: z.string().trim().min(1, "name must not be empty").max(100) }))
    .mutation(({ ctx, input }) => createApiToken(ctx.db, { user: ctx.user, ip: ctx.ip }, input.name)),
  revoke: authedProcedure
    .input(z.object({ id: z.string().min(1, "id is required").max(100) }))
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, { user: ctx.user, ip: ctx.ip }, input.id)),
});
