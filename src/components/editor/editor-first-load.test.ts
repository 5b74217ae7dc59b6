import { describe, expect, it } from "vitest";
import { sourcePath, staticImportChain } from "../../../test/static-imports";

/*
 * The editor's first load (the page's chunks) holds no zod: node cards and the
 * palette read `node-meta.ts`; validation, the config panel, the file importer
 * and a run's live feed bring zod and the node schemas in their own chunks,
 * loaded after the first paint. A failure names the chain of imports that
 * brought zod back.
 */
describe("the editor's first load", () => {
  it("imports no zod statically", () => {
    expect(staticImportChain(sourcePath("components/editor/workflow-editor.tsx"), "zod")).toBeUndefined();
  });

  it("still reaches zod through what loads later", () => {
    expect(staticImportChain(sourcePath("stores/editor/canvas-problems.ts"), "zod")?.[0]).toBe("stores/editor/canvas-problems.ts");
    expect(staticImportChain(sourcePath("components/editor/config-panel/config-panel.tsx"), "zod")).toBeDefined();
    expect(staticImportChain(sourcePath("stores/execution-follower.tsx"), "zod")).toBeDefined();
  });
});
