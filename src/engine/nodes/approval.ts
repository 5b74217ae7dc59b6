import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

const RoleName = z
  .string()
  .min(1)
  .refine((role) => !role.includes("@"), {
    error: "a role name cannot contain @; put email addresses in a list",
  });

/** Pauses until a person approves or rejects; outputs `{ decision, data, by, at, comment }`. */
export const approvalNode = defineNode({
  ...nodeMeta.approval,
  configSchema: z.strictObject({
    title: z.string().min(1),
    description: z.string().optional(),
    /** A list of email addresses, or one role name. */
    assignees: z.union([z.array(z.email()).min(1), RoleName]).optional(),
    /** A JSON Schema for the data the approver fills in. */
    form: z.record(z.string(), z.json()).optional(),
    timeoutSeconds: z.int().positive().optional(),
    /** What a timeout counts as: the rejected or approved branch, or a failure. */
    onTimeout: z.enum(["reject", "approve", "fail"]),
  }),
});
