import { loadEnv } from "@/server/env";
import type { AdvanceDeps } from "./advance-execution";
import type { StoredLimits } from "./save-step";

/** The limits a transition applies: the deps' own when a test or the bench gives them, else the environment's. */
export const nodeRunCap = (deps: AdvanceDeps): number => deps.maxNodeRuns ?? loadEnv().MAX_NODE_RUNS_PER_EXECUTION;

export const ownerQuota = (deps: AdvanceDeps): number => deps.maxActivePerOwner ?? loadEnv().MAX_ACTIVE_EXECUTIONS_PER_OWNER;

export const storedLimits = (deps: AdvanceDeps): StoredLimits => ({ maxValueBytes: deps.maxValueBytes ?? loadEnv().MAX_STORED_VALUE_KB * 1024 });
