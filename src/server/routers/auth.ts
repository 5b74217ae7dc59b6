import { z } from "zod";
import { authedProcedure, publicProcedure, router, type Context } from "@/server/trpc/init";
import { changePassword, needsSetup, setupFirstAdmin, signIn, signOut } from "@/server/auth/auth-service";
import { clearedSessionCookie, sessionCookie } from "@/server/auth/session-cookie";

const Email = z.string().trim().min(1, "email is required").max(320);
/** Length rules are checked by the service (one sentence); here only a bound on what is hashed. */
const Password = z.string().min(1, "password is required").max(1000);

const setCookie = (ctx: Context, token: string) => ctx.resHeaders.append("set-cookie", sessionCookie(token, ctx.requestOrigin));
const clearCookie = (ctx: Context) => ctx.resHeaders.append("set-cookie", clearedSessionCookie(ctx.requestOrigin));
const requestInfo = (ctx: Context) => ({ ip: ctx.ip, userAgent: ctx.userAgent });

/** Signing in and out. Public: these are how one gets a session. */
export const authRouter = router({
  /** Whether the first admin still has to be created, and who is signed in. */
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.db), user: ctx.user })),
  /** Creates the first user as admin and signs them in; 409 once any user exists. */
  setup: publicProcedure
    .input(z.object({ email: Email, password: Password, name: z.string().trim().max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { user, session } = await setupFirstAdmin(ctx.db, input, requestInfo(ctx));
      setCookie(ctx, session.token);
      return user;
    }),
  login: publicProcedure.input(z.object({ email: Email, password: Password })).mutation(async ({ ctx, input }) => {
    const { user, session } = await signIn(ctx.db, input, requestInfo(ctx));
    // Signing in again replaces the session this browser had.
    if (ctx.sessionId) await signOut(ctx.db, { user: null, ip: ctx.ip }, ctx.sessionId);
    setCookie(ctx, session.token);
    return user;
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    await signOut(ctx.db, { user: ctx.user, ip: ctx.ip }, ctx.sessionId);
    clearCookie(ctx);
    return { ok: true as const };
  }),
  /** Needs the current password; every other session of the user is signed out. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: Password, newPassword: Password }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, { user: ctx.user, ip: ctx.ip }, input, ctx.sessionId)),
});
