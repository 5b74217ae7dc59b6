"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/lib/trpc/client";

/**
 * The run list's heading and the breadcrumb back to the workflow, named once
 * it has loaded (the workflow's id stands in meanwhile or if it is gone).
 */
export function ExecutionsPageHeader({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const workflow = useQuery(trpc.workflow.get.queryOptions({ id: workflowId }, { retry: false }));
  const name = workflow.data?.workflow.name ?? (workflow.isPending ? "Workflow" : workflowId);
  return (
    <header>
      <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-2 text-sm">
        <Link href="/workflows" className="text-zinc-500 hover:text-zinc-900">
          Workflows
        </Link>
        <span aria-hidden="true" className="text-zinc-300">/</span>
        <Link href={`/workflows/${encodeURIComponent(workflowId)}`} className="truncate text-zinc-500 hover:text-zinc-900">
          {name}
        </Link>
        <span aria-hidden="true" className="text-zinc-300">/</span>
        <span aria-current="page" className="text-zinc-900">Executions</span>
      </nav>
      <h1 className="mt-3 text-2xl font-semibold tracking-tight text-zinc-900">Executions</h1>
      <p className="mt-1 text-sm text-zinc-500">Every run of this workflow, newest first. Updates as runs progress; open one to see it step by step.</p>
    </header>
  );
}
