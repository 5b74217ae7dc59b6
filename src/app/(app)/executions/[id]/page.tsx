import type { Metadata } from "next";
import { ExecutionView } from "@/components/execution-view/execution-view";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Execution" };

/** One execution, live while it runs: any signed-in role may watch it; builders may cancel it. */
export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  // Every page checks the session itself: a client-side navigation does not re-render the layout.
  await requirePageUser();
  const { id } = await params;
  return <ExecutionView executionId={id} />;
}
