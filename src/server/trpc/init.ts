import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { DomainError, type DomainErrorCode, type ProblemWithText } from "@/server/errors";
import { allowedRoles, forbiddenMessage, type Role } from "@/server/auth/roles";
import { isCrossSite, type Context } from "./context";
export type { Context };

const TRPC_CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_WORKFLOW: "UNPROCESSABLE_CONTENT",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/** Input validation problems as "field: message" sentences. */
function describeZodError(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: false, // never send stack traces to a browser
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const problems: ProblemWithText[] = cause instanceof DomainError ? [...cause.problems] : [];
    const message =
      cause instanceof ZodError
        ? `Invalid request: ${describeZodError(cause)}`
        : error.code === "INTERNAL_SERVER_ERROR"
          ? "Something went wrong on the server; the error was logged."
          : shape.message;
    return { ...shape, message, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, problems } };
  },
});

/** Maps domain errors thrown by services to tRPC errors, in this one place. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(result.error.cause ?? result.error);
  }
  return result;
});

/**
 * CSRF: a mutation that a browser page on another host asks for is refused.
 * Session cookies are SameSite=Lax, so cross-site POSTs carry none; this
 * covers same-site neighbours (another app on this domain or another port of
 * localhost), which do get the cookie. Browsers send `Origin` with every POST,
 * and mutations are POSTs (the tRPC client sends JSON, which a plain HTML form
 * cannot), so comparing Origin with Host is enough. Token requests are exempt:
 * a bearer token is never sent by a browser on its own.
 */
const refuseCrossSiteMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.via !== "token" && isCrossSite(ctx.requestOrigin)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Refused a change requested by another site (${ctx.requestOrigin.origin}).` });
  }
  return next();
});

const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const router = t.router;
/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapDomainErrors).use(refuseCrossSiteMutations);
/** Any signed-in user (ctx.user is set); 401 otherwise. */
export const authedProcedure = publicProcedure.use(requireUser);
/**
 * Signed-in users with one of `roles` — admin is always allowed; 403 naming
 * the caller's role, the procedure and the roles it needs otherwise.
 */
export function roleProcedure(...roles: Role[]) {
  const allowed = allowedRoles(roles);
  return authedProcedure.use(({ ctx, path, next }) => {
    if (!allowed.includes(ctx.user.role)) throw new TRPCError({ code: "FORBIDDEN", message: forbiddenMessage(ctx.user.role, path, allowed) });
    return next();
  });
}
export const createCallerFactory = t.createCallerFactory;
