import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Database } from "@/server/db/prisma";
import { appRouter } from "@/server/routers/app";
import { createContext } from "./context";

/**
 * The API's HTTP entry point (`/api/trpc/*`): the Next route handler and the
 * tests' API client both call this, so tests cover cookie and header parsing.
 */
export function handleApiRequest(req: Request, db: Database): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ req, resHeaders }) => createContext(db, req, resHeaders),
  });
}
