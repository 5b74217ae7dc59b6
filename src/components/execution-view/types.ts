import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/app";

/** What the execution page reads, typed from the procedures themselves. */
type Outputs = inferRouterOutputs<AppRouter>["execution"];
export type ExecutionDetail = Outputs["detail"];
export type NodeRun = Outputs["nodeRuns"]["runs"][number];
