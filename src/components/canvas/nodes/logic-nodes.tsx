import { NodeCard, type NodeCardProps } from "./node-card";
import { DiamondIcon, MergeIcon, ShieldIcon, SplitIcon } from "./node-icons";
import { configText, joinParts } from "./config-text";

type Props = Omit<NodeCardProps, "icon" | "summary">;

export function IfNode(props: Props) {
  return <NodeCard {...props} icon={<DiamondIcon />} summary={configText(props.data.node, "condition")} />;
}

export function SwitchNode(props: Props) {
  return <NodeCard {...props} icon={<SplitIcon />} summary={configText(props.data.node, "value")} />;
}

export function JoinNode(props: Props) {
  const { node } = props.data;
  const mode = configText(node, "mode");
  const n = configText(node, "n");
  return (
    <NodeCard
      {...props}
      icon={<MergeIcon />}
      summary={joinParts([mode === "n_of_m" && n ? `${n} of all` : mode, configText(node, "aggregate")], " · ")}
    />
  );
}

export function TryNode(props: Props) {
  return <NodeCard {...props} icon={<ShieldIcon />} />;
}
