import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { DomainError, type DomainErrorCode, type ProblemWithText } from "@/server/errors";

import type { Context } from "./context";
export type { Context };

const TRPC_CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_WORKFLOW: "UNPROCESSABLE_CONTENT",
  BAD_REQUEST: "BAD_REQUEST",
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

export const router = t.router;
export const publicProcedure = t.procedure.use(mapDomainErrors);
export const createCallerFactory = t.createCallerFactory;
