import type { Metadata } from "next";
import { CreateWorkflowForm } from "@/components/workflows/create-workflow-form";
import { WorkflowList } from "@/components/workflows/workflow-list";
import { canEditWorkflows } from "@/components/session/permissions";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const user = await requirePageUser();
  const editable = canEditWorkflows(user.role);
  return (
    <main className="mx-auto w-full max-w-3xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Workflows</h1>
      <p className="mt-1 text-sm text-zinc-500">
        {editable ? "Build, version and run automated workflows." : "The automated workflows of this Switchyard. Your role can look at them, not change them."}
      </p>
      {editable ? (
        <div className="mt-6">
          <CreateWorkflowForm />
        </div>
      ) : null}
      <section aria-label="Your workflows" className="mt-6">
        <WorkflowList />
      </section>
    </main>
  );
}
