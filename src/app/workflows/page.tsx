import type { Metadata } from "next";
import { CreateWorkflowForm } from "@/components/workflows/create-workflow-form";
import { WorkflowList } from "@/components/workflows/workflow-list";

export const metadata: Metadata = { title: "Workflows" };

export default function WorkflowsPage() {
  return (
    <main className="mx-auto w-full max-w-3xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Workflows</h1>
      <p className="mt-1 text-sm text-zinc-500">Build, version and run automated workflows.</p>
      <div className="mt-6">
        <CreateWorkflowForm />
      </div>
      <section aria-label="Your workflows" className="mt-6">
        <WorkflowList />
      </section>
    </main>
  );
}
