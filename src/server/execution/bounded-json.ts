import type { Json } from "@/engine/execution-types";

/**
 * Values stored for people to read (node inputs/outputs, execution output)
 * are bounded: a value whose JSON is longer than `maxBytes` is replaced by a
 * marker with its size and the start of its text, never an error. The
 * engine's own state keeps full values (expressions need them).
 */
export type TruncatedMarker = { $truncated: true; bytes: number; preview: string };

const PREVIEW_CHARS = 1024;

export function boundedJson(value: Json | undefined, maxBytes: number): Json | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return value;
  return { $truncated: true, bytes, preview: text.slice(0, PREVIEW_CHARS) } satisfies TruncatedMarker;
}
