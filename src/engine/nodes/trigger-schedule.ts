import { z } from "zod";
import { describeCronProblem } from "../cron-expression";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const CronExpression = z.string().superRefine((cron, ctx) => {
  const problem = describeCronProblem(cron);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: cron });
});

/** Starts an execution on a cron schedule; outputs `{ scheduledAt }`. */
export const scheduleTriggerNode = defineNode({
  ...nodeMeta["trigger.schedule"],
  configSchema: z.strictObject({
    cron: CronExpression.describe("When to run, as a cron expression: minute hour day month weekday, e.g. 0 9 * * 1-5."),
    /** IANA zone the cron is read in; the server's zone is UTC when omitted. */
    timezone: z
      .string()
      .refine(isKnownTimeZone, { error: "must be a time zone name such as Europe/Paris or UTC" })
      .optional()
      .describe("The time zone the schedule is read in, e.g. Europe/Paris. Empty: UTC."),
  }),
});
