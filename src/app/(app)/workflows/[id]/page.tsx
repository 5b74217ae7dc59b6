import type { Metadata } from "next";
import { WorkflowEditor } from "@/components/editor/workflow-editor";
import { getDatabase } from "@/server/db/prisma";
import { workflowService } from "@/server/services/workflow-service";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The workflow comes with the page, so the editor does not wait for hydration and
  // then a request before drawing (half a second and more on a large graph).
  // `workflow.get` allows any signed-in user, as requirePageUser does. A missing
  // workflow is left to the client's query, which shows "not found".
  // Read while the session is checked (one round trip less before the first byte);
  // nothing of it is sent unless the check passes.
  const initial = workflowService(getDatabase().prisma)
    .get(id)
    .catch(() => undefined);
  // Every page checks the session itself: a client-side navigation does not re-render the layout.
  await requirePageUser();
  return <WorkflowEditor workflowId={id} initial={await initial} />;
}
