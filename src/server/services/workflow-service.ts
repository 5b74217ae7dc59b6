import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { DomainError, notFound } from "@/server/errors";
import { checkDraftDocument } from "@/engine/draft-document";
import { parsedVersions, type ParsedVersion } from "./parsed-versions";
import { checkDocument, newWorkflowDocument, requireValidDocument } from "./workflow-document";

/**
 * Workflows and their immutable versions. A workflow row carries the name and
 * the newest version number; every save appends a WorkflowVersion whose graph
 * is a validated WORKFLOW_FORMAT v1 document. Invalid documents are refused
 * before anything is written.
 */
export type WorkflowSummary = {
  id: string;
  name: string;
  description: string | null;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
};

const summarySelect = {
  id: true,
  name: true,
  description: true,
  latestVersion: true,
  createdAt: true,
  updatedAt: true,
} as const;

const draftSelect = { draft: true, draftBaseVersion: true, draftSavedAt: true } as const;

export function workflowService(db: PrismaClient) {
  async function findLive(id: string) {
    const workflow = await db.workflow.findFirst({ where: { id, deletedAt: null }, select: summarySelect });
    if (!workflow) throw notFound("Workflow", id);
    return workflow;
  }

  async function list(): Promise<WorkflowSummary[]> {
    return db.workflow.findMany({ where: { deletedAt: null }, orderBy: { updatedAt: "desc" }, select: summarySelect });
  }

  /**
   * The workflow and one version of its document (the newest unless `version`
   * is given), with its unpublished draft when the newest is asked for. One
   * query for the workflow row and its draft; the version's parsed document
   * usually comes from `parsedVersions` (versions never change), else a
   * second query reads and parses it.
   */
  async function get(id: string, version?: number) {
    const row = await db.workflow.findFirst({ where: { id, deletedAt: null }, select: { ...summarySelect, ...draftSelect } });
    if (!row) throw notFound("Workflow", id);
    const { draft, draftBaseVersion, draftSavedAt, ...workflow } = row;
    const wanted = version ?? workflow.latestVersion;
    const stored = await readVersion(id, wanted);
    if (!stored) throw notFound(`Version ${wanted} of workflow`, id);
    return {
      workflow,
      version: wanted,
      versionCreatedAt: stored.createdAt,
      document: { ...stored.document, name: workflow.name },
      draft: version === undefined ? draftOf({ draft, draftBaseVersion, draftSavedAt }) : null,
    };
  }

  async function readVersion(workflowId: string, version: number): Promise<ParsedVersion | undefined> {
    const cached = parsedVersions.get(workflowId, version);
    if (cached) return cached;
    const row = await db.workflowVersion.findUnique({ where: { workflowId_version: { workflowId, version } }, select: { graph: true, createdAt: true } });
    if (!row) return undefined;
    // Stored documents were validated on the way in; parse again so every reader sees the normalised shape.
    const parsed = { document: requireValidDocument(row.graph), createdAt: row.createdAt };
    parsedVersions.set(workflowId, version, parsed);
    return parsed;
  }

  /** The unpublished draft, if any (see saveDraft). Its document may have problems. */
  function draftOf(row: { draft: Prisma.JsonValue; draftBaseVersion: number | null; draftSavedAt: Date | null }) {
    if (!row.draft || row.draftSavedAt === null) return null;
    const checked = checkDraftDocument(row.draft);
    if (!checked.ok) return null; // written by this code, so never; an unreadable draft must not block the editor
    return { document: checked.document, baseVersion: row.draftBaseVersion ?? 0, savedAt: row.draftSavedAt };
  }

  /**
   * Keep the editor's canvas without publishing it: a draft may have problems
   * (it never runs; only versions do). One draft per workflow, replaced by each
   * save and cleared when a version is published. `expectedVersion` refuses a
   * draft edited from a version that is no longer the newest.
   */
  async function saveDraft(input: { workflowId: string; document: unknown; expectedVersion?: number }) {
    const checked = checkDraftDocument(input.document);
    if (!checked.ok) {
      throw new DomainError("BAD_REQUEST", `This draft cannot be stored: ${checked.problems.join("; ")}`);
    }
    const current = await findLive(input.workflowId);
    const baseVersion = input.expectedVersion ?? current.latestVersion;
    const savedAt = new Date();
    const { count } = await db.workflow.updateMany({
      where: { id: input.workflowId, deletedAt: null, latestVersion: baseVersion },
      data: { draft: checked.document as Prisma.InputJsonValue, draftBaseVersion: baseVersion, draftSavedAt: savedAt },
    });
    if (count === 0) {
      throw new DomainError(
        "CONFLICT",
        `Workflow "${current.name}" was saved by someone else in the meantime (now version ${current.latestVersion}, you edited version ${baseVersion}). Reload it and apply your changes again.`,
      );
    }
    return { id: input.workflowId, baseVersion, savedAt };
  }

  /** Drop the draft; the editor shows the newest version again. */
  async function discardDraft(id: string) {
    await findLive(id);
    await db.workflow.update({ where: { id }, data: { draft: Prisma.DbNull, draftBaseVersion: null, draftSavedAt: null } });
    return { id };
  }

  async function create(input: { name: string; document?: unknown }) {
    const document = input.document === undefined ? newWorkflowDocument(input.name) : requireValidDocument(input.document);
    return withNameConflict(input.name, () =>
      db.$transaction(async (tx) => {
        const workflow = await tx.workflow.create({
          data: { name: input.name, description: document.description ?? null, latestVersion: 1 },
          select: summarySelect,
        });
        await tx.workflowVersion.create({
          data: { workflowId: workflow.id, version: 1, graph: { ...document, name: input.name } as Prisma.InputJsonValue },
        });
        return workflow;
      }),
    );
  }

  /**
   * Append a version. With `expectedVersion`, refuses (CONFLICT) when someone
   * saved in between, so two editors never silently overwrite each other.
   */
  async function saveVersion(input: { workflowId: string; document: unknown; expectedVersion?: number }) {
    const document = requireValidDocument(input.document);
    return withNameConflict(document.name, () =>
      db.$transaction(async (tx) => {
        const updated = await tx.workflow.updateManyAndReturn({
          where: {
            id: input.workflowId,
            deletedAt: null,
            ...(input.expectedVersion === undefined ? {} : { latestVersion: input.expectedVersion }),
          },
          data: {
            latestVersion: { increment: 1 },
            name: document.name,
            description: document.description ?? null,
            // Publishing is what the draft was for.
            draft: Prisma.DbNull,
            draftBaseVersion: null,
            draftSavedAt: null,
          },
          select: summarySelect,
        });
        const workflow = updated[0];
        if (!workflow) {
          const current = await findLive(input.workflowId); // throws NOT_FOUND when missing
          throw new DomainError(
            "CONFLICT",
            `Workflow "${current.name}" was saved by someone else in the meantime (now version ${current.latestVersion}, you edited version ${input.expectedVersion}). Reload it and apply your changes again.`,
          );
        }
        await tx.workflowVersion.create({
          data: { workflowId: workflow.id, version: workflow.latestVersion, graph: document as Prisma.InputJsonValue },
        });
        return workflow;
      }),
    );
  }

  async function rename(input: { id: string; name: string }) {
    await findLive(input.id);
    return withNameConflict(input.name, () =>
      db.workflow.update({ where: { id: input.id }, data: { name: input.name }, select: summarySelect }),
    );
  }

  /** Soft delete: the workflow disappears from lists; its versions stay for past executions. */
  async function remove(id: string) {
    await findLive(id);
    await db.workflow.update({ where: { id }, data: { deletedAt: new Date() } });
    return { id };
  }

  async function versions(workflowId: string) {
    await findLive(workflowId);
    return db.workflowVersion.findMany({
      where: { workflowId },
      orderBy: { version: "desc" },
      select: { id: true, version: true, createdAt: true },
    });
  }

  /** `wf import`: a new workflow, or a new version of the live workflow with the same name. */
  async function importDocument(input: unknown) {
    const document: WorkflowDocument = requireValidDocument(input);
    const existing = await db.workflow.findFirst({ where: { name: document.name, deletedAt: null }, select: { id: true } });
    if (!existing) {
      const workflow = await create({ name: document.name, document });
      return { workflowId: workflow.id, version: workflow.latestVersion, created: true };
    }
    const workflow = await saveVersion({ workflowId: existing.id, document });
    return { workflowId: workflow.id, version: workflow.latestVersion, created: false };
  }

  return { list, get, create, saveVersion, saveDraft, discardDraft, rename, remove, versions, importDocument, validate: checkDocument };
}

export type WorkflowService = ReturnType<typeof workflowService>;

async function withNameConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("CONFLICT", `A workflow named "${name}" already exists; choose another name.`);
    }
    throw error;
  }
}
