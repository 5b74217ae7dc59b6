import { NodeCard, type NodeCardProps } from "./node-card";
import { AlertIcon, CalendarIcon, ExitIcon, FlagIcon, RepeatIcon, SkipIcon, StackIcon, TimerIcon } from "./node-icons";
import { configText, joinParts } from "./config-text";

type Props = Omit<NodeCardProps, "icon" | "summary">;

export function LoopNode(props: Props) {
  const { node } = props.data;
  const mode = configText(node, "mode");
  const detail =
    mode === "repeat" ? configText(node, "times") && `${configText(node, "times")}×`
    : mode === "while" ? configText(node, "condition")
    : configText(node, "items");
  return <NodeCard {...props} icon={<RepeatIcon />} summary={joinParts([mode, detail], ": ")} />;
}

export function BreakNode(props: Props) {
  return <NodeCard {...props} icon={<ExitIcon />} />;
}

export function ContinueNode(props: Props) {
  return <NodeCard {...props} icon={<SkipIcon />} />;
}

export function DelayNode(props: Props) {
  const seconds = configText(props.data.node, "seconds");
  return <NodeCard {...props} icon={<TimerIcon />} summary={seconds && `${seconds} s`} />;
}

export function WaitNode(props: Props) {
  const until = configText(props.data.node, "until");
  return <NodeCard {...props} icon={<CalendarIcon />} summary={until && `until ${until}`} />;
}

export function SubworkflowNode(props: Props) {
  return <NodeCard {...props} icon={<StackIcon />} summary={configText(props.data.node, "workflowId")} />;
}

export function FailNode(props: Props) {
  return <NodeCard {...props} icon={<AlertIcon />} summary={configText(props.data.node, "message")} />;
}

export function OutputNode(props: Props) {
  return <NodeCard {...props} icon={<FlagIcon />} summary={configText(props.data.node, "value")} />;
}
