import type { Metadata } from "next";
import { WorkflowEditor } from "@/components/editor/workflow-editor";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  // Every page checks the session itself: a client-side navigation does not re-render the layout.
  await requirePageUser();
  const { id } = await params;
  return <WorkflowEditor workflowId={id} />;
}
