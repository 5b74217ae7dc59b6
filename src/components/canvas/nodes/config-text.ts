import type { WorkflowNode } from "../document-to-flow";

const MAX_LENGTH = 80;

/**
 * A config field as one short line for a node card: strings as they are,
 * other values as compact JSON; undefined when the field is absent or empty.
 */
export function configText(node: WorkflowNode, key: string): string | undefined {
  const config: Record<string, unknown> = isRecord(node.config) ? node.config : {};
  const value = config[key];
  if (value === undefined || value === null || value === "") return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

/** Joins the present parts with a separator; undefined when none is present. */
export function joinParts(parts: readonly (string | undefined)[], separator = " "): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length ? present.join(separator) : undefined;
}

export function configKeys(node: WorkflowNode, key: string): string | undefined {
  const config: Record<string, unknown> = isRecord(node.config) ? node.config : {};
  const value = config[key];
  return isRecord(value) && Object.keys(value).length ? Object.keys(value).join(", ") : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A config field holding a list of strings, as "a, b, c"; undefined when it is not such a list. */
export function configList(node: WorkflowNode, key: string): string | undefined {
  const config: Record<string, unknown> = isRecord(node.config) ? node.config : {};
  const value = config[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === "string")) return undefined;
  return value.join(", ");
}
