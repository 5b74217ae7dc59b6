import { NodeCard, type NodeCardProps } from "./node-card";
import { BoltIcon, ClockIcon, PlayIcon } from "./node-icons";
import { configText, joinParts } from "./config-text";

type Props = Omit<NodeCardProps, "icon" | "summary">;

export function ManualTriggerNode(props: Props) {
  return <NodeCard {...props} icon={<PlayIcon />} />;
}

export function WebhookTriggerNode(props: Props) {
  const secured = configText(props.data.node, "secret") === undefined ? undefined : "secret required";
  return <NodeCard {...props} icon={<BoltIcon />} summary={secured} />;
}

export function ScheduleTriggerNode(props: Props) {
  const { node } = props.data;
  return <NodeCard {...props} icon={<ClockIcon />} summary={joinParts([configText(node, "cron"), configText(node, "timezone")], " · ")} />;
}
