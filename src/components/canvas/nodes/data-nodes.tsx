import { NodeCard, type NodeCardProps } from "./node-card";
import { CodeIcon, GlobeIcon, LoadIcon, PenIcon, ShuffleIcon, StoreIcon } from "./node-icons";
import { configKeys, configText, joinParts } from "./config-text";

type Props = Omit<NodeCardProps, "icon" | "summary">;

export function SetNode(props: Props) {
  return <NodeCard {...props} icon={<PenIcon />} summary={configKeys(props.data.node, "values")} />;
}

export function CodeNode(props: Props) {
  return <NodeCard {...props} icon={<CodeIcon />} summary={configText(props.data.node, "code")} />;
}

export function HttpRequestNode(props: Props) {
  const { node } = props.data;
  return <NodeCard {...props} icon={<GlobeIcon />} summary={joinParts([configText(node, "method"), configText(node, "url")])} />;
}

export function TransformNode(props: Props) {
  const { node } = props.data;
  return (
    <NodeCard {...props} icon={<ShuffleIcon />} summary={joinParts([configText(node, "op"), configText(node, "expression")], ": ")} />
  );
}

export function SetVariableNode(props: Props) {
  const { node } = props.data;
  const assignment = joinParts([configText(node, "name"), configText(node, "value")], " = ");
  const scope = configText(node, "scope");
  return <NodeCard {...props} icon={<StoreIcon />} summary={joinParts([assignment, scope && `(${scope})`])} />;
}

export function GetVariableNode(props: Props) {
  return <NodeCard {...props} icon={<LoadIcon />} summary={configText(props.data.node, "name")} />;
}
