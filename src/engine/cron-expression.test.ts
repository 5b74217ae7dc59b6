import { describe, expect, it } from "vitest";
import { describeCronProblem } from "./cron-expression";

describe("describeCronProblem", () => {
  it.each(["* * * * *", "0 9 * * 1-5", "*/15 0-6,22-23 1 JAN-MAR mon", "5 4 31 12 7", "0 0 1-31/2 * SUN"])(
    "accepts %s",
    (cron) => {
      expect(describeCronProblem(cron)).toBeUndefined();
    },
  );

  it.each([
    ["", 'must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"'],
    ["* * * *", 'must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"'],
    ["60 * * * *", 'the minute field "60" is not valid (allowed: 0-59, *, lists, ranges and /steps)'],
    ["* 24 * * *", 'the hour field "24" is not valid (allowed: 0-23, *, lists, ranges and /steps)'],
    ["* * 0 * *", 'the day of month field "0" is not valid (allowed: 1-31, *, lists, ranges and /steps)'],
    ["* * * FOO *", 'the month field "FOO" is not valid (allowed: 1-12, *, lists, ranges and /steps)'],
    ["* * * * 5-1", 'the day of week field "5-1" is not valid (allowed: 0-7, *, lists, ranges and /steps)'],
    ["*/0 * * * *", 'the minute field "*/0" is not valid (allowed: 0-59, *, lists, ranges and /steps)'],
    ["1,,2 * * * *", 'the minute field "1,,2" is not valid (allowed: 0-59, *, lists, ranges and /steps)'],
  ])("refuses %j", (cron, problem) => {
    expect(describeCronProblem(cron)).toBe(problem);
  });
});
