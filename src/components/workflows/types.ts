import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/app";

export type WorkflowSummary = inferRouterOutputs<AppRouter>["workflow"]["list"][number];
