import { beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { apiClient, type ApiClient } from "../../../test/api-client";
import type { Database } from "@/server/db/prisma";

let db: Database;
let api: ApiClient;

beforeAll(async () => {
  db = openTestDatabase();
  api = await apiClient(db).as("builder");
});

const countRows = async () => ({
  workflows: await db.prisma.workflow.count(),
  versions: await db.prisma.workflowVersion.count(),
});

describe("workflow API", () => {
  it("creates a workflow with a manual trigger as version 1", async () => {
    const created = await api.mutation("workflow.create", { name: "Order approval" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const got = await api.query("workflow.get", { id: created.data.id });
    expect(got.ok && got.data.version).toBe(1);
    expect(got.ok && got.data.document.nodes.map((n: { type: string }) => n.type)).toEqual(["trigger.manual"]);
  });

  it("keeps older versions readable after saving new ones", async () => {
    const created = await api.mutation("workflow.create", { name: "Versioned" });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const v1 = await api.query("workflow.get", { id });
    if (!v1.ok) throw new Error(v1.error.message);
    const moved = structuredClone(v1.data.document);
    moved.nodes[0].position = { x: 240, y: 120 };
    const saved = await api.mutation("workflow.saveVersion", { id, document: moved, expectedVersion: 1 });
    expect(saved.ok && saved.data.latestVersion).toBe(2);

    const latest = await api.query("workflow.get", { id });
    const first = await api.query("workflow.get", { id, version: 1 });
    expect(latest.ok && latest.data.document.nodes[0].position).toEqual({ x: 240, y: 120 });
    expect(first.ok && first.data.document.nodes[0].position).toEqual({ x: 0, y: 0 });
    const versions = await api.query("workflow.versions", { id });
    expect(versions.ok && versions.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("refuses a stale save (someone else saved in between) and writes nothing", async () => {
    const created = await api.mutation("workflow.create", { name: "Contended" });
    if (!created.ok) throw new Error(created.error.message);
    const doc = (await api.query("workflow.get", { id: created.data.id })) as { ok: true; data: { document: unknown } };
    await api.mutation("workflow.saveVersion", { id: created.data.id, document: doc.data.document, expectedVersion: 1 });
    const before = await countRows();
    const stale = await api.mutation("workflow.saveVersion", { id: created.data.id, document: doc.data.document, expectedVersion: 1 });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.status).toBe(409);
    expect(stale.error.message).toMatch(/saved by someone else.*now version 2/);
    expect(await countRows()).toEqual(before);
  });

  it("refuses an invalid document with every problem named, and writes nothing", async () => {
    const created = await api.mutation("workflow.create", { name: "Broken later" });
    if (!created.ok) throw new Error(created.error.message);
    const before = await countRows();
    const invalid = {
      version: 1,
      name: "Broken later",
      nodes: [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "call", type: "http.request", config: { method: "FETCH", url: "https://example.test" } },
        { id: "odd", type: "teleport", config: {} },
      ],
      edges: [
        { source: "start", target: "call" },
        { source: "call", target: "ghost" },
      ],
    };
    const result = await api.mutation("workflow.saveVersion", { id: created.data.id, document: invalid });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(422);
    const texts = result.error.data.problems.map((p) => p.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^node call: config\.method/),
        expect.stringMatching(/^node odd: unknown node type "teleport"/),
        expect.stringMatching(/^edge call→ghost: /),
      ]),
    );
    expect(result.error.message).toContain("The workflow is not valid");
    expect(await countRows()).toEqual(before);
  });

  it("refuses a duplicate name with a clear conflict", async () => {
    await api.mutation("workflow.create", { name: "Twin" });
    const second = await api.mutation("workflow.create", { name: "Twin" });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.status).toBe(409);
    expect(second.error.message).toBe('A workflow named "Twin" already exists; choose another name.');
  });

  it("renames and soft-deletes; deleted workflows leave the list but keep their versions", async () => {
    const created = await api.mutation("workflow.create", { name: "Temp" });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const renamed = await api.mutation("workflow.rename", { id, name: "Temporary" });
    expect(renamed.ok && renamed.data.name).toBe("Temporary");
    const got = await api.query("workflow.get", { id });
    expect(got.ok && got.data.document.name).toBe("Temporary");
    await api.mutation("workflow.delete", { id });
    const list = await api.query("workflow.list");
    expect(list.ok && list.data.some((w: { id: string }) => w.id === id)).toBe(false);
    const gone = await api.query("workflow.get", { id });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.message).toBe(`Workflow ${id} does not exist`);
    expect(await db.prisma.workflowVersion.count({ where: { workflowId: id } })).toBe(1);
    // The name is free again for a new workflow.
    const again = await api.mutation("workflow.create", { name: "Temporary" });
    expect(again.ok).toBe(true);
  });

  it("rejects malformed input with the field named", async () => {
    const result = await api.mutation("workflow.create", { name: "   " });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("Invalid request: name: name must not be empty");
  });

  it("validate reports problems without storing anything", async () => {
    const before = await countRows();
    const result = await api.mutation("workflow.validate", { document: { version: 1, name: "x", nodes: [], edges: [] } });
    expect(result.ok && result.data.ok).toBe(false);
    expect(result.ok && result.data.problems.map((p: { text: string }) => p.text)).toContain(
      "workflow: a workflow needs exactly one trigger node",
    );
    expect(await countRows()).toEqual(before);
  });

  it("keeps an invalid canvas as a draft: stored, reopened, never a version, cleared by publishing", async () => {
    const created = await api.mutation("workflow.create", { name: "Drafty" });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const draft = {
      version: 1,
      name: "Drafty",
      nodes: [
        { id: "start", type: "trigger.manual", config: {}, position: { x: 0, y: 0 } },
        { id: "check", type: "if", config: { condition: 42 }, position: { x: 300, y: 0 } },
      ],
      edges: [{ source: "start", target: "check" }, { source: "check", target: "nowhere" }],
    };
    const saved = await api.mutation("workflow.saveDraft", { id, document: draft, expectedVersion: 1 });
    expect(saved.ok && saved.data.baseVersion).toBe(1);
    expect(await db.prisma.workflowVersion.count({ where: { workflowId: id } })).toBe(1);

    const reopened = await api.query("workflow.get", { id });
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(reopened.data.version).toBe(1);
    expect(reopened.data.draft?.baseVersion).toBe(1);
    expect(reopened.data.draft?.document.nodes.map((n: { id: string }) => n.id)).toEqual(["start", "check"]);
    expect(reopened.data.draft?.document.nodes[1].config).toEqual({ condition: 42 });

    const published = await api.mutation("workflow.saveVersion", { id, document: reopened.data.document, expectedVersion: 1 });
    expect(published.ok && published.data.latestVersion).toBe(2);
    const after = await api.query("workflow.get", { id });
    expect(after.ok && after.data.draft).toBeNull();
  });

  it("refuses a draft the editor could not reopen, naming where, and a stale draft", async () => {
    const created = await api.mutation("workflow.create", { name: "Draft shapes" });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const bad = await api.mutation("workflow.saveDraft", {
      id,
      document: { version: 1, name: "Draft shapes", nodes: [{ id: "a", type: "teleport" }], edges: [] },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^This draft cannot be stored: nodes\[0\]\.type: expected one of trigger\.manual, .*, got "teleport"$/);

    const v1 = await api.query("workflow.get", { id });
    if (!v1.ok) throw new Error(v1.error.message);
    await api.mutation("workflow.saveVersion", { id, document: v1.data.document, expectedVersion: 1 });
    const stale = await api.mutation("workflow.saveDraft", { id, document: v1.data.document, expectedVersion: 1 });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.status).toBe(409);
    const discarded = await api.mutation("workflow.discardDraft", { id });
    expect(discarded.ok).toBe(true);
  });
});
