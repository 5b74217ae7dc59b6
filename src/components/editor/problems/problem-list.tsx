"use client";

import type { Problem } from "@/engine/problem";
import { problemLine } from "./problem-lines";

export interface ProblemListProps {
  readonly problems: readonly Problem[];
  /** Node id → the name shown on the canvas (the id when a node has no name). */
  readonly nodeNames: Readonly<Record<string, string>>;
  readonly onSelectNode: (nodeId: string) => void;
}

/**
 * The bottom panel listing everything wrong with the workflow, one line per
 * problem. Clicking a line about a node selects that node, which opens its
 * config with the field marked.
 */
export function ProblemList({ problems, nodeNames, onSelectNode }: ProblemListProps) {
  return (
    <section aria-label="Problems" className="border-t border-zinc-200 bg-white">
      <h2 className="flex items-center gap-2 px-4 py-2 text-sm font-medium text-zinc-800">
        Problems
        <span
          aria-label={`${problems.length} ${problems.length === 1 ? "problem" : "problems"}`}
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${
            problems.length === 0 ? "bg-zinc-100 text-zinc-600" : "bg-red-100 text-red-800"
          }`}
        >
          {problems.length}
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="px-4 pb-3 text-sm text-zinc-500">No problems</p>
      ) : (
        <ul className="max-h-40 overflow-y-auto pb-2">
          {problems.map((problem, index) => {
            const line = problemLine(problem, nodeNames);
            const key = `${line.text}-${index}`;
            const nodeId = line.nodeId;
            return (
              <li key={key}>
                {nodeId === undefined ? (
                  <p className="px-4 py-1 text-sm text-red-800">{line.text}</p>
                ) : (
                  <button
                    type="button"
                    onClick={() => onSelectNode(nodeId)}
                    className="w-full px-4 py-1 text-left text-sm text-red-800 hover:bg-red-50 focus-visible:bg-red-50 focus-visible:outline-none"
                  >
                    {line.text}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
