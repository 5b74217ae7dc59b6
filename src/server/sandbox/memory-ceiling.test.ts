import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQuickJsSandbox, type QuickJsSandbox } from "./quickjs-sandbox";

/**
 * The sandbox's maximum heap (`maxMemoryBytes`, which sizes its wasm instances) is a ceiling
 * that is either honoured or refused out loud: a request up to it gets all of it, even above the
 * default; a request above it fails with an error naming the workflow setting and the maximum,
 * instead of silently running with less than it asked for.
 */
const MiB = 1024 * 1024;
let sandbox: QuickJsSandbox;

beforeAll(async () => {
  sandbox = await createQuickJsSandbox({ defaultMemoryBytes: 4 * MiB, maxMemoryBytes: 24 * MiB });
});
afterAll(() => sandbox.dispose());

const allocate = (mb: number) => `const chunks = [];\nfor (let i = 0; i < ${mb}; i++) chunks.push(new Uint8Array(${MiB}).fill(i));\nreturn chunks.length;`;

describe("the sandbox's memory ceiling", () => {
  it("gives a request up to the ceiling all it asked for, above the default", () => {
    expect(sandbox.runCode(allocate(16), {}, { memoryBytes: 24 * MiB })).toEqual({ ok: true, value: 16 });
    expect(sandbox.runCode(allocate(16), {})).toEqual({ ok: false, error: { type: "SandboxLimit", message: "code used more than 4 MiB of memory" } });
  });

  it("refuses a request above the ceiling, naming the setting and the maximum", () => {
    const refused = { ok: false, error: { type: "SandboxLimit", message: "code asks for 32 MiB of memory (the workflow's settings.sandbox.memoryMb) but this worker's sandbox allows at most 24 MiB" } };
    // Even code that would fit: the refusal does not depend on what the code does.
    expect(sandbox.runCode("return 1;", {}, { memoryBytes: 32 * MiB })).toEqual(refused);
    expect(sandbox.evaluateExpression("[1].length", {}, { memoryBytes: 32 * MiB })).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "expression asks for 32 MiB of memory (the workflow's settings.sandbox.memoryMb) but this worker's sandbox allows at most 24 MiB" },
    });
  });
});
