/**
 * Checks five-field cron expressions (`minute hour day-of-month month day-of-week`),
 * the form `trigger.schedule` accepts. Each field is a comma-separated list of
 * `*`, `N`, `N-M`, each optionally followed by `/STEP`. Months and week days may
 * also be written as names (`JAN`, `MON`); day-of-week 0 and 7 are both Sunday.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const CRON_FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
  },
  { name: "day of week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

function parseFieldValue(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index === -1 ? undefined : index + field.min;
}

function describeFieldProblem(text: string, field: CronField): string | undefined {
  const invalid = `the ${field.name} field "${text}" is not valid (allowed: ${field.min}-${field.max}, *, lists, ranges and /steps)`;
  for (const item of text.split(",")) {
    const [range = "", step, ...extra] = item.split("/");
    if (extra.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) return invalid;
    if (range === "*") continue;
    const [from = "", to, ...more] = range.split("-");
    if (more.length > 0) return invalid;
    const start = parseFieldValue(from, field);
    const end = to === undefined ? start : parseFieldValue(to, field);
    if (start === undefined || end === undefined || end < start) return invalid;
  }
  return undefined;
}

/** Why `expression` is not a valid five-field cron expression, or undefined when it is. */
export function describeCronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== CRON_FIELDS.length || fields[0] === "") {
    return `must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"`;
  }
  for (const [index, field] of CRON_FIELDS.entries()) {
    const problem = describeFieldProblem(fields[index] ?? "", field);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
