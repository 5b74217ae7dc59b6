"use client";

import { useId, useMemo, useState } from "react";
import { categoryStyle } from "@/components/canvas/nodes/category-style";
import { Button } from "@/components/ui/button";
import { nodeDefinitions } from "@/engine/nodes/registry";
import type { Problem } from "@/engine/problem";
import type { WorkflowDocument, WorkflowNode } from "@/engine/workflow-schema";
import { ExpressionScope } from "./expression-scope";
import type { SuggestionContext } from "./expression-suggestions";
import { FieldControl } from "./field-control";
import { visibleConfigFields } from "./field-visibility";
import { INPUT_CLASS } from "./field-shell";
import { problemsAt, withKey } from "./field-values";
import { nodeTypeIcons } from "@/components/canvas/nodes/node-type-icons";
import { describeConfigFields, describeSettingsFields, type FieldDescriptor } from "./schema-fields";
import { useTextDraft } from "./use-text-draft";

/** A change to one node: its name, its whole config, or common fields (`timeoutMs`, `retry`, …). */
export type NodePatch = { name?: string | undefined; config?: unknown; [commonField: string]: unknown };

export interface ConfigPanelProps {
  readonly node: WorkflowNode;
  /** The graph as it is now (upstream nodes and variables for expression suggestions). */
  readonly document: WorkflowDocument;
  /** This node's problems; each is shown next to the field its `field` path names. */
  readonly problems: readonly Problem[];
  /** Outputs of the last run by node id: their keys are suggested in expressions. */
  readonly lastRunOutputs?: Readonly<Record<string, unknown>> | undefined;
  readonly readOnly: boolean;
  /** Called per keystroke with what changed; invalid drafts are passed on too (validation reports them). */
  readonly onChange: (patch: NodePatch) => void;
  readonly onClose: () => void;
}

const SETTINGS_FIELDS = describeSettingsFields();

/** Problems no field shows: about the node as a whole, or a field the form does not have. */
function generalProblems(problems: readonly Problem[], fields: readonly FieldDescriptor[]): Problem[] {
  const shown = new Set(fields.flatMap((field) => problemsAt(problems, field.path)));
  return problems.filter((problem) => !shown.has(problem));
}

/**
 * The side panel of the selected node: header (type, name, id), the config
 * form generated from the type's schema, and a collapsed Settings section for
 * the fields every node has. Props only; the editor wires it to its store.
 */
export function ConfigPanel({ node, document, problems, lastRunOutputs, readOnly, onChange, onClose }: ConfigPanelProps) {
  const definition = nodeDefinitions[node.type];
  const configFields = useMemo(() => describeConfigFields(node.type), [node.type]);
  const scope = useMemo<SuggestionContext>(
    () => ({ document, nodeId: node.id, ...(lastRunOutputs === undefined ? {} : { lastRunOutputs }) }),
    [document, node.id, lastRunOutputs],
  );
  const config: unknown = node.config;
  const shownFields = visibleConfigFields(node.type, config, configFields);
  const general = generalProblems(problems, [...shownFields, ...SETTINGS_FIELDS]);
  const common = node as unknown as Readonly<Record<string, unknown>>;

  return (
    <ExpressionScope.Provider value={scope}>
      <section aria-label="Node configuration" className="flex flex-col">
        <PanelHeader node={node} readOnly={readOnly} onChange={onChange} onClose={onClose} />
        {general.length > 0 ? (
          <ul aria-label="Problems with this node" className="mx-4 mt-3 space-y-1 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800">
            {general.map((problem, index) => (
              <li key={`${problem.message}-${index}`}>{problem.message}</li>
            ))}
          </ul>
        ) : null}
        <div className="space-y-4 px-4 py-4">
          {configFields.length === 0 ? (
            <p className="text-sm text-zinc-500">{`${definition.label} has nothing to configure.`}</p>
          ) : (
            shownFields.map((field) => (
              <FieldControl
                key={field.key}
                field={field}
                value={(config as Record<string, unknown>)[field.key]}
                onChange={(value) => onChange({ config: withKey(config, field.key, value) })}
                problems={problems}
                readOnly={readOnly}
              />
            ))
          )}
        </div>
        <SettingsSection
          hasProblems={SETTINGS_FIELDS.some((field) => problemsAt(problems, field.path).length > 0)}
          values={common}
          problems={problems}
          readOnly={readOnly}
          onChange={onChange}
        />
      </section>
    </ExpressionScope.Provider>
  );
}

function PanelHeader({ node, readOnly, onChange, onClose }: Pick<ConfigPanelProps, "node" | "readOnly" | "onChange" | "onClose">) {
  const definition = nodeDefinitions[node.type];
  const Icon = nodeTypeIcons[node.type];
  const nameId = useId();
  const [copied, setCopied] = useState(false);
  const [name, setName] = useTextDraft(
    node.name,
    (stored) => (typeof stored === "string" ? stored : ""),
    (typed) => (typed === "" ? undefined : typed),
  );
  const copyId = () => {
    void navigator.clipboard?.writeText(node.id).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <header className="space-y-3 border-b border-zinc-200 px-4 py-3">
      <div className="flex items-start gap-2.5">
        <span className={`grid size-8 shrink-0 place-items-center rounded-md ring-1 ring-inset ${categoryStyle[definition.category].badge}`}>
          <Icon />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-zinc-900">{definition.label}</h2>
          <p className="text-xs text-zinc-500">{definition.description}</p>
        </div>
        <Button variant="ghost" size="sm" aria-label="Close node configuration" onClick={onClose}>
          ✕
        </Button>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={nameId} className="block text-sm font-medium text-zinc-800">
          Name
        </label>
        <input
          id={nameId}
          type="text"
          value={name}
          placeholder={node.id}
          readOnly={readOnly}
          maxLength={200}
          onChange={(event) => onChange({ name: setName(event.target.value) as string | undefined })}
          className={`${INPUT_CLASS} h-9`}
        />
      </div>
      <div className="flex items-center gap-2 text-xs text-zinc-500">
        <span>ID</span>
        <code aria-label="Node ID" className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-zinc-700 select-all">
          {node.id}
        </code>
        <Button variant="ghost" size="sm" aria-label="Copy node ID" onClick={copyId}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </header>
  );
}

/** Timeouts, retries, caching, error handling and the breakpoint; collapsed unless something there is wrong. */
function SettingsSection({
  hasProblems,
  values,
  problems,
  readOnly,
  onChange,
}: {
  hasProblems: boolean;
  values: Readonly<Record<string, unknown>>;
  problems: readonly Problem[];
  readOnly: boolean;
  onChange: (patch: NodePatch) => void;
}) {
  const [expanded, setExpanded] = useState(hasProblems);
  const regionId = useId();
  const noteId = `${regionId}-note`;
  return (
    <div className="border-t border-zinc-200">
      <button
        type="button"
        aria-label="Settings"
        aria-describedby={hasProblems ? noteId : undefined}
        aria-expanded={expanded}
        aria-controls={regionId}
        onClick={() => setExpanded((open) => !open)}
        className="flex w-full items-center justify-between px-4 py-3 text-left text-sm font-medium text-zinc-800 hover:bg-zinc-50"
      >
        <span>
          Settings
          {hasProblems ? (
            <span id={noteId} className="ml-2 text-xs font-normal text-red-700">
              has problems
            </span>
          ) : null}
        </span>
        <span aria-hidden="true" className="text-zinc-400">
          {expanded ? "▾" : "▸"}
        </span>
      </button>
      {expanded ? (
        <div id={regionId} className="space-y-4 px-4 pb-4">
          {SETTINGS_FIELDS.map((field) => (
            <FieldControl
              key={field.key}
              field={field}
              value={values[field.key]}
              onChange={(value) => onChange({ [field.key]: value })}
              problems={problems}
              readOnly={readOnly}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
