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
    title: z.string().min(1).describe("What the approver is asked, as shown in their inbox."),
    description: z.string().optional().describe("More detail for the approver: what to check before deciding."),
    /** A list of email addresses, or one role name. */
    assignees: z
      .union([z.array(z.email()).min(1), RoleName])
      .optional()
      .describe("Who may decide: a list of email addresses, or one role. Empty: any approver."),
    /** A JSON Schema for the data the approver fills in. */
    form: z.record(z.string(), z.json()).optional().describe("Fields the approver fills in, as a JSON Schema. Their answers are the output's data."),
    timeoutSeconds: z.int().positive().optional().describe("Give up waiting after this many seconds. Empty: wait as long as it takes."),
    /** What a timeout counts as: the rejected or approved branch, or a failure. */
    onTimeout: z.enum(["reject", "approve", "fail"]).describe("What happens when nobody decides in time: take the rejected or approved path, or fail."),
  }),
});
