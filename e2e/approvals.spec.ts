import { ApprovalsPage, AppHeader, callApi, createUserThroughApi, expect, test, uniqueEmail } from "./fixtures/accounts";
import { createWorkflowThroughApi, uniqueName, WorkflowEditorPage, WorkflowListPage } from "./fixtures/workflows";

/**
 * trigger ─ ask (approval, assigned to one email) ─approved── done (output: the decision)
 *                                                 └rejected─ refused (output: the decision)
 */
const approvalDocument = (name: string, title: string, assignee: string) => ({
  version: 1,
  name,
  nodes: [
    { id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 0 } },
    { id: "ask", type: "approval", name: "Ask", config: { title, assignees: [assignee], onTimeout: "reject" }, position: { x: 340, y: 0 } },
    { id: "done", type: "output", name: "Done", config: { value: "{{ input }}" }, position: { x: 680, y: -80 } },
    { id: "refused", type: "output", name: "Refused", config: { value: "{{ input }}" }, position: { x: 680, y: 80 } },
  ],
  edges: [
    { source: "start", sourceHandle: "out", target: "ask", targetHandle: "in" },
    { source: "ask", sourceHandle: "approved", target: "done", targetHandle: "in" },
    { source: "ask", sourceHandle: "rejected", target: "refused", targetHandle: "in" },
  ],
  settings: {},
});

test("an approver finds an empty inbox, and sees workflows read-only", async ({ request, signInAs }, testInfo) => {
  const name = uniqueName("Refunds");
  const workflowId = await createWorkflowThroughApi(request, name, undefined);
  const approver = { email: uniqueEmail("ava"), password: "approver-password-1", role: "approver" as const };
  await createUserThroughApi(request, approver);
  const page = await signInAs(approver);

  await new AppHeader(page).navLink("Approvals").click();
  const inbox = new ApprovalsPage(page);
  await expect(inbox.heading).toBeVisible();
  await expect(inbox.emptyState).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("01-empty-inbox.png") });

  // The list without the create form, rename or delete.
  const workflows = new WorkflowListPage(page);
  await workflows.goto();
  await expect(workflows.item(name)).toBeVisible();
  await expect(workflows.nameField).toHaveCount(0);
  await expect(workflows.createButton).toHaveCount(0);
  await expect(workflows.list.getByRole("button", { name: "Rename" })).toHaveCount(0);
  await expect(workflows.list.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("02-list-read-only.png") });

  // The canvas without Save; nodes stay where they are.
  const editor = new WorkflowEditorPage(page);
  await workflows.item(name).getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}$`));
  await expect(editor.node("Start")).toBeVisible();
  await expect(page.getByText("Read only — your role can view this workflow but not change it")).toBeVisible();
  await expect(editor.saveButton).toHaveCount(0);
  const before = await editor.nodePosition("Start");
  await editor.dragNode("Start", 200, 0);
  expect(await editor.nodePosition("Start")).toEqual(before);
  await expect(editor.unsavedChanges).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("03-canvas-read-only.png") });

  // Asking the API directly is refused, with the reason.
  const refused = await page.request.post("/api/trpc/workflow.create", { data: { json: { name: uniqueName("Sneaky") } } });
  expect(refused.status()).toBe(403);
  expect(JSON.stringify(await refused.json())).toContain("Your role (approver) cannot do this: workflow.create needs builder or admin.");
});

test("an approver approves a waiting run from the inbox, with a comment", async ({ request, signInAs }, testInfo) => {
  const approver = { email: uniqueEmail("abe"), password: "approver-password-2", role: "approver" as const };
  await createUserThroughApi(request, approver);
  const title = `Approve refund ${uniqueName("R")}`;
  const workflowName = uniqueName("Refund approval");
  const workflowId = await createWorkflowThroughApi(request, workflowName, approvalDocument(workflowName, title, approver.email));
  const { executionId } = await callApi<{ executionId: string }>(request, "mutation", "execution.start", { workflowId, input: { amount: 40 } });

  // The worker creates the task; wait for it through the API (the owner, an admin, sees every task).
  await expect
    .poll(async () => (await callApi<Array<{ title: string }>>(request, "query", "approval.pending")).map((task) => task.title), { timeout: 30_000 })
    .toContain(title);

  const page = await signInAs(approver);
  await expect(new AppHeader(page).navLink("Approvals")).toContainText("1");
  const inbox = new ApprovalsPage(page);
  await inbox.goto();
  const task = inbox.task(title);
  await expect(task).toContainText(executionId);
  await expect(task).toContainText(approver.email);
  await page.screenshot({ path: testInfo.outputPath("01-task-waiting.png") });

  await task.getByLabel("Comment (optional)").fill("Refund is within policy.");
  await task.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(`Approved “${title}”.`);
  await expect(inbox.emptyState).toBeVisible();
  // The header's count goes with it, without waiting for its next refresh.
  await expect(new AppHeader(page).navLink("Approvals")).toHaveText("Approvals");
  await page.screenshot({ path: testInfo.outputPath("02-approved.png") });

  // The run went on with the decision, made by the approver.
  await expect
    .poll(async () => (await callApi<{ status: string }>(request, "query", "execution.get", { id: executionId })).status, { timeout: 30_000 })
    .toBe("succeeded");
  const report = await callApi<{ output: Record<string, unknown> }>(request, "query", "execution.get", { id: executionId });
  expect(report.output).toMatchObject({ decision: "approved", by: approver.email, comment: "Refund is within policy." });
});
