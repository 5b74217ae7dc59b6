import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/app";

export type UserSummary = inferRouterOutputs<AppRouter>["user"]["list"][number];
