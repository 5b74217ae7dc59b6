import type { Metadata } from "next";
import { ExecutionsList } from "@/components/executions/executions-list";
import { ExecutionsPageHeader } from "@/components/executions/executions-page-header";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Executions" };

/** A workflow's runs (any signed-in role may read them). */
export default async function WorkflowExecutionsPage({ params }: { params: Promise<{ id: string }> }) {
  // Every page checks the session itself: a client-side navigation does not re-render the layout.
  await requirePageUser();
  const { id } = await params;
  return (
    <main className="mx-auto w-full max-w-5xl px-6 py-10">
      <ExecutionsPageHeader workflowId={id} />
      <section aria-label="Runs" className="mt-6">
        <ExecutionsList workflowId={id} />
      </section>
    </main>
  );
}
