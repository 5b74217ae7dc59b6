"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import type { AppRouter } from "@/server/routers/app";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { RelativeTime } from "@/components/ui/relative-time";

type ApprovalTask = inferRouterOutputs<AppRouter>["approval"]["pending"][number];

/** One pending task: what it asks, which run it holds, who may decide; a comment and Approve / Reject. */
export function ApprovalCard({ task, onDecided }: { task: ApprovalTask; onDecided: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const decide = useMutation(
    trpc.approval.decide.mutationOptions({
      onSuccess: (_result, { decision }) => onDecided(`${decision === "approved" ? "Approved" : "Rejected"} “${task.title}”.`),
      // The inbox's list and the header's count.
      onSettled: () => queryClient.invalidateQueries(trpc.approval.pathFilter()),
    }),
  );
  const deciding = decide.isPending ? decide.variables.decision : null;

  function send(decision: "approved" | "rejected") {
    const text = comment.trim();
    decide.mutate({ taskId: task.id, decision, ...(text ? { comment: text } : {}) });
  }

  return (
    <li aria-label={task.title} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="font-medium text-zinc-900">{task.title}</h2>
          {task.description ? <p className="mt-0.5 text-sm text-zinc-600">{task.description}</p> : null}
        </div>
        <span className="shrink-0 text-xs text-zinc-500">
          Waiting since <RelativeTime date={task.createdAt} />
        </span>
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-zinc-500">Run</dt>
        <dd className="font-mono text-zinc-700">
          {task.executionId} · step {task.nodeId}
        </dd>
        <dt className="text-zinc-500">Assigned to</dt>
        <dd className="text-zinc-700">{assigneesInWords(task.assignees)}</dd>
      </dl>
      <div className="mt-3">
        <label htmlFor={commentId} className="block text-xs font-medium text-zinc-700">
          Comment (optional)
        </label>
        <textarea
          id={commentId}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          maxLength={5000}
          rows={2}
          className="mt-1 w-full rounded-md border border-zinc-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none"
        />
      </div>
      <div className="mt-3 flex items-center gap-2">
        <Button variant="primary" onClick={() => send("approved")} disabled={decide.isPending}>
          {deciding === "approved" ? "Approving…" : "Approve"}
        </Button>
        <Button variant="secondary" className="hover:border-red-300 hover:text-red-700" onClick={() => send("rejected")} disabled={decide.isPending}>
          {deciding === "rejected" ? "Rejecting…" : "Reject"}
        </Button>
      </div>
      <InlineError message={decide.isError ? errorMessage(decide.error) : null} className="mt-2" />
    </li>
  );
}

/** The task's assignees as a person reads them; an empty list means anyone with the approver role. */
function assigneesInWords(assignees: unknown): string {
  const list = Array.isArray(assignees) ? assignees.filter((entry): entry is string => typeof entry === "string") : [];
  return list.length === 0 ? "approvers" : list.join(", ");
}
