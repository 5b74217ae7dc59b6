import { workflowProblem, type Problem } from "./problem";

/**
 * Size limits of a workflow document, checked before anything else: a
 * document above them is refused with one problem per limit and is not
 * examined further (its thousands of per-node problems would only cost time).
 * They bound what one save or one inline run can make the server parse,
 * validate, store and hand to the engine; the request body cap
 * (MAX_REQUEST_BODY_KB) bounds what reaches the parser in the first place.
 *
 * - nodes: at most MAX_WORKFLOW_NODES (2,000);
 * - edges: at most MAX_WORKFLOW_EDGES (10,000);
 * - the whole document, as compact JSON: at most MAX_WORKFLOW_DOCUMENT_BYTES (1 MiB of UTF-8).
 */
export const WORKFLOW_LIMITS = {
  maxNodes: 2_000,
  maxEdges: 10_000,
  maxDocumentBytes: 1024 * 1024,
} as const;

export function checkLimits(document: { readonly nodes?: unknown; readonly edges?: unknown }): Problem[] {
  const problems: Problem[] = [];
  const { nodes, edges } = document;
  if (Array.isArray(nodes) && nodes.length > WORKFLOW_LIMITS.maxNodes) {
    problems.push(workflowProblem(`a workflow may have at most ${count(WORKFLOW_LIMITS.maxNodes)} nodes, this one has ${count(nodes.length)}`, ["nodes"]));
  }
  if (Array.isArray(edges) && edges.length > WORKFLOW_LIMITS.maxEdges) {
    problems.push(workflowProblem(`a workflow may have at most ${count(WORKFLOW_LIMITS.maxEdges)} edges, this one has ${count(edges.length)}`, ["edges"]));
  }
  const bytes = jsonBytes(document);
  if (bytes > WORKFLOW_LIMITS.maxDocumentBytes) {
    const limit = WORKFLOW_LIMITS.maxDocumentBytes;
    problems.push(workflowProblem(`the document is ${count(bytes)} bytes of JSON; a workflow document may be at most ${count(limit)} bytes (${limit / 1024 / 1024} MiB)`));
  }
  return problems;
}

/** UTF-8 length of the compact JSON text (what a save stores), without allocating a byte buffer. */
function jsonBytes(value: unknown): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return 0; // not JSON (a cycle, a BigInt): the schema checks report it
  }
  if (text === undefined) return 0;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1; // surrogate pairs: 2 × (1 + 1) = 4
  }
  return bytes;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
