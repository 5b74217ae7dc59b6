import { describe, expect, it } from "vitest";
import { WORKFLOW_LIMITS } from "./check-limits";
import { node, problemLines, workflowOf } from "./fixtures/test-documents";

/** start → s1 → s2 → … → s(n-1): n nodes in one chain. */
function chain(n: number, config: (i: number) => unknown = () => ({ values: {} })) {
  const nodes = [node("start", "trigger.manual"), ...Array.from({ length: n - 1 }, (_, i) => node(`s${i + 1}`, "set", config(i + 1)))];
  const edges = nodes.slice(1).map((n, i) => `${nodes[i]!.id} -> ${n.id}`);
  return workflowOf(nodes, edges);
}

describe("workflow size limits", () => {
  it("accepts exactly the node limit", () => {
    expect(problemLines(chain(WORKFLOW_LIMITS.maxNodes))).toEqual([]);
  });

  it("refuses one node more, with that problem only", () => {
    expect(problemLines(chain(WORKFLOW_LIMITS.maxNodes + 1))).toEqual(["workflow: nodes: a workflow may have at most 2,000 nodes, this one has 2,001"]);
  });

  it("refuses more edges than the limit, before looking at them", () => {
    const document = { ...chain(2), edges: Array.from({ length: WORKFLOW_LIMITS.maxEdges + 1 }, () => ({ source: "start", target: "nowhere" })) };
    expect(problemLines(document)).toEqual(["workflow: edges: a workflow may have at most 10,000 edges, this one has 10,001"]);
  });

  it("refuses a document above 1 MiB of JSON, counting UTF-8 bytes", () => {
    // ≈ 600,000 characters of "é" = 1.2 MB in UTF-8, but only 0.6 M UTF-16 code units
    const big = chain(2, () => ({ values: { text: "é".repeat(600_000) } }));
    const bytes = Buffer.byteLength(JSON.stringify(big));
    expect(problemLines(big)).toEqual([
      `workflow: the document is ${bytes.toLocaleString("en-US")} bytes of JSON; a workflow document may be at most 1,048,576 bytes (1 MiB)`,
    ]);
    expect(problemLines(chain(2, () => ({ values: { text: "e".repeat(600_000) } })))).toEqual([]);
  });

  it("counts characters outside the BMP as four bytes", () => {
    const emoji = "😀".repeat(270_000); // 1,080,000 bytes, 540,000 code units
    const lines = problemLines(chain(2, () => ({ values: { text: emoji } })));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${Buffer.byteLength(JSON.stringify(chain(2, () => ({ values: { text: emoji } })))).toLocaleString("en-US")} bytes`);
  });
});
