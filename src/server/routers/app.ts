import { router } from "@/server/trpc/init";
import { workflowRouter } from "./workflow";
import { approvalRouter, executionRouter } from "./execution";
import { authRouter } from "./auth";
import { userRouter } from "./user";
import { tokenRouter } from "./token";
import { auditRouter } from "./audit";

/** The API: one router per resource. Who may call what: docs/ARCHITECTURE.md "Accounts and sessions". */
export const appRouter = router({
  auth: authRouter,
  workflow: workflowRouter,
  execution: executionRouter,
  approval: approvalRouter,
  user: userRouter,
  token: tokenRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
