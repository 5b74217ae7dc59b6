import { z } from "zod";
import { containsExpression, orExpression } from "../expression";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** A literal URL must be absolute http(s); one built from `{{ }}` is checked at run time. */
function isUsableUrl(url: string): boolean {
  // An empty URL is reported once, by `min(1)`.
  if (url === "" || containsExpression(url)) return true;
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === "http:" || protocol === "https:";
}

/** Calls an HTTP endpoint; outputs `{ status, headers, body }`. Non-2xx fails unless `ignoreStatus`. */
export const httpRequestNode = defineNode({
  ...nodeMeta["http.request"],
  configSchema: z.strictObject({
    method: z.enum(HTTP_METHODS),
    url: z
      .string()
      .min(1)
      .refine(isUsableUrl, { error: "must be an absolute http:// or https:// URL, or contain a {{ }} expression" }),
    headers: orExpression(z.record(z.string().min(1), z.string())).optional(),
    body: z.json().optional(),
    /** Default false: a non-2xx status is an error. */
    ignoreStatus: z.boolean().optional(),
  }),
});
