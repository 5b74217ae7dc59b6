import { router } from "@/server/trpc/init";
import { workflowRouter } from "./workflow";

/** The API: one router per resource. */
export const appRouter = router({
  workflow: workflowRouter,
});

export type AppRouter = typeof appRouter;
