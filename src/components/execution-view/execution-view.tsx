"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { useExecutionLive } from "@/lib/live/use-execution-live";
import { WorkflowCanvas } from "@/components/canvas/workflow-canvas";
import { LoadFailedScreen, LoadingScreen } from "@/components/ui/load-states";
import { errorMessage } from "@/components/ui/error-message";
import { EditorStoreProvider } from "@/stores/editor-store-provider";
import { RunViewProvider, useInspectNode } from "@/stores/run-view-store";
import { EventTimeline } from "./event-timeline";
import { ExecutionLogs } from "./execution-logs";
import { ExecutionHeader } from "./execution-header";
import { DataTabs, type DataSection } from "./json-block";
import { NodeRunInspector } from "./node-run-inspector";
import { isActiveStatus } from "@/components/executions/execution-format";
import type { ExecutionDetail } from "./types";

/**
 * The execution page: the graph as it ran (the version it started on, read
 * only) with each node's live status, the event timeline, what code nodes
 * logged (both growing live), the execution's input/output/error, and — when
 * a node is clicked — the runs of that node.
 */
export function ExecutionView({ executionId }: { executionId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.execution.detail.queryOptions({ id: executionId }, { retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 1 }),
  );

  if (detail.isPending) return <LoadingScreen label="Loading execution…" />;
  if (detail.isError) {
    const notFound = detail.error.data?.code === "NOT_FOUND";
    return (
      <LoadFailedScreen
        title={notFound ? "Execution not found" : "Could not load this execution"}
        message={errorMessage(detail.error)}
        onRetry={notFound ? undefined : () => void detail.refetch()}
        backHref="/workflows"
        backLabel="Back to workflows"
      />
    );
  }

  const snapshot = { workflowId: detail.data.workflowId ?? "", version: detail.data.version ?? 0, document: detail.data.document };
  return (
    <EditorStoreProvider key={executionId} initial={snapshot}>
      <RunViewProvider executionId={executionId}>
        <ExecutionLayout detail={detail.data} />
      </RunViewProvider>
    </EditorStoreProvider>
  );
}

function ExecutionLayout({ detail }: { detail: ExecutionDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = useExecutionLive(detail.id);
  const inspector = useInspectNode();
  const status = currentStatus(detail.status, live.status);

  // Started or finished while on screen: read the execution again for its start time, or its
  // output, error and end time. (Not on every running ↔ waiting change: nothing else moves.)
  const started = detail.startedAt !== null || status === "queued";
  const finished = !isActiveStatus(detail.status) || isActiveStatus(status);
  useEffect(() => {
    if (!started || !finished) void queryClient.invalidateQueries({ queryKey: trpc.execution.detail.queryKey({ id: detail.id }) });
  }, [started, finished, detail.id, queryClient, trpc]);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ExecutionHeader detail={detail} status={status} connected={live.connected} />
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative min-h-[360px] flex-1">
            <div className="absolute inset-0">
              <WorkflowCanvas readOnly />
            </div>
          </div>
          <div className="grid h-72 shrink-0 grid-cols-1 border-t border-zinc-200 bg-white md:grid-cols-3">
            <EventTimeline executionId={detail.id} />
            <ExecutionLogs executionId={detail.id} />
            <ExecutionData detail={detail} />
          </div>
        </div>
        {inspector.nodeId ? (
          <div className="w-[28rem] max-w-[50vw] shrink-0">
            <NodeRunInspector key={inspector.nodeId} executionId={detail.id} nodeId={inspector.nodeId} onClose={inspector.close} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The execution's own input, output and error. */
function ExecutionData({ detail }: { detail: ExecutionDetail }) {
  const sections: DataSection[] = [{ label: "Input", value: detail.input }];
  if (detail.output !== null) sections.push({ label: "Output", value: detail.output });
  if (detail.error !== null) sections.push({ label: "Error", value: detail.error });
  return (
    <section aria-label="Execution data" className="flex min-h-0 flex-col border-t border-zinc-200 md:border-t-0 md:border-l">
      <div className="border-b border-zinc-200 px-4 py-2">
        <h2 className="text-sm font-semibold text-zinc-900">Execution data</h2>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        {detail.error ? (
          <p className="mb-2 text-sm text-red-700">
            {detail.error.nodeId ? `${nodeLabel(detail, detail.error.nodeId)}: ` : null}
            {detail.error.message}
          </p>
        ) : null}
        <DataTabs key={`${detail.status}`} sections={sections} idBase={`execution-${detail.id}`} empty="No data." />
      </div>
    </section>
  );
}

const nodeLabel = (detail: ExecutionDetail, nodeId: string) => detail.document.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;

/**
 * Which status to show. A finished status is final, whichever source has it
 * first (the live feed usually; the stored row for an execution cancelled
 * while queued, which sends no events); otherwise the live one is the newer.
 */
function currentStatus(stored: string, live: string | null): string {
  if (!isActiveStatus(stored)) return stored;
  return live ?? stored;
}
