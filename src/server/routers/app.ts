import { router } from "@/server/trpc/init";
import { workflowRouter } from "./workflow";
import { approvalRouter, executionRouter } from "./execution";

/** The API: one router per resource. */
export const appRouter = router({
  workflow: workflowRouter,
  execution: executionRouter,
  approval: approvalRouter,
});

export type AppRouter = typeof appRouter;
