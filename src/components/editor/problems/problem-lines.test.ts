import { describe, expect, it } from "vitest";
import { edgeProblem, nodeProblem, workflowProblem } from "@/engine/problem";
import { problemLine } from "./problem-lines";

const names = { fetch: "Fetch orders", done: "done" };

describe("problemLine", () => {
  it("names the node and the field", () => {
    expect(problemLine(nodeProblem("fetch", "must be an absolute URL", ["config", "url"]), names)).toEqual({
      nodeId: "fetch",
      text: "Fetch orders — config.url: must be an absolute URL",
    });
  });

  it("falls back to the id of a node without a name", () => {
    expect(problemLine(nodeProblem("ghost", "is unreachable"), names).text).toBe("ghost — is unreachable");
  });

  it("describes connections and the workflow, selecting an edge's source when it exists", () => {
    const edge = edgeProblem({ index: 0, source: "fetch", target: "missing" }, "target does not exist");
    expect(problemLine(edge, names)).toEqual({
      nodeId: "fetch",
      text: "Connection Fetch orders → missing — target does not exist",
    });
    expect(problemLine(workflowProblem("needs a trigger"), names)).toEqual({ nodeId: undefined, text: "Workflow — needs a trigger" });
  });
});
