import { z } from "zod";
import { roleProcedure, router } from "@/server/trpc/init";
import { Role } from "@/server/auth/roles";
import { createUser, disableUser, enableUser, generatePassword, listUsers, setUserRole } from "@/server/auth/users";

const Id = z.string().min(1, "id is required").max(100);
const admin = roleProcedure("admin");

/** Accounts, for admins. */
export const userRouter = router({
  list: admin.query(({ ctx }) => listUsers(ctx.db)),
  /** Without a password one is generated and returned once, as `generatedPassword`. */
  create: admin
    .input(
      z.object({
        email: z.string().trim().min(1, "email is required").max(320),
        role: Role,
        name: z.string().trim().max(200).optional(),
        password: z.string().max(1000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const password = input.password ?? generatePassword();
      const user = await createUser(ctx.db, { user: ctx.user, ip: ctx.ip }, { ...input, password });
      return { user, generatedPassword: input.password === undefined ? password : null };
    }),
  setRole: admin
    .input(z.object({ id: Id, role: Role }))
    .mutation(({ ctx, input }) => setUserRole(ctx.db, { user: ctx.user, ip: ctx.ip }, input.id, input.role)),
  /** Signs the user out everywhere; their API tokens stop working until enabled. */
  disable: admin.input(z.object({ id: Id })).mutation(({ ctx, input }) => disableUser(ctx.db, { user: ctx.user, ip: ctx.ip }, input.id)),
  enable: admin.input(z.object({ id: Id })).mutation(({ ctx, input }) => enableUser(ctx.db, { user: ctx.user, ip: ctx.ip }, input.id)),
});
