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
    method: z.enum(HTTP_METHODS).describe("The HTTP method: GET reads, POST creates, PUT/PATCH update, DELETE removes."),
    url: z
      .string()
      .min(1)
      .refine(isUsableUrl, { error: "must be an absolute http:// or https:// URL, or contain a {{ }} expression" })
      .describe("The address to call, e.g. https://api.example.com/orders/{{ input.id }}."),
    headers: orExpression(z.record(z.string().min(1), z.string())).optional().describe("Extra request headers, such as Authorization."),
    body: z.json().optional().describe("What to send (JSON), usually for POST, PUT and PATCH."),
    /** Default false: a non-2xx status is an error. */
    ignoreStatus: z.boolean().optional().describe("Go on even when the answer is an error status (4xx, 5xx); the status is in the output."),
  }),
});
