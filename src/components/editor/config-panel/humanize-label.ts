/**
 * Turns a config key into the label a business user reads: camelCase words
 * split and sentence-cased, unit suffixes in brackets, acronyms in capitals.
 *   timeoutMs → "Timeout (ms)", workflowId → "Workflow ID", ttlSeconds → "TTL (seconds)"
 */

const UNIT_SUFFIXES: Readonly<Record<string, string>> = { ms: "ms", seconds: "seconds" };
const ACRONYMS: Readonly<Record<string, string>> = { id: "ID", url: "URL", ttl: "TTL", http: "HTTP", json: "JSON" };

function splitWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}

export function humanizeLabel(key: string): string {
  const words = splitWords(key);
  const last = words[words.length - 1];
  const unit = words.length > 1 && last !== undefined ? UNIT_SUFFIXES[last] : undefined;
  if (unit !== undefined) words.pop();
  const text = words
    .map((word, index) => ACRONYMS[word] ?? (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(" ");
  return unit === undefined ? text : `${text} (${unit})`;
}

/** "Cases" → "case", "Headers" → "header": the noun for one row of a list field. */
export function singularLabel(label: string): string {
  const lower = label.toLowerCase();
  if (lower.endsWith("ies")) return `${lower.slice(0, -3)}y`;
  if (lower.endsWith("s") && !lower.endsWith("ss")) return lower.slice(0, -1);
  return lower;
}
