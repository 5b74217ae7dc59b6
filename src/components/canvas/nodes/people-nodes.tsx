import { NodeCard, type NodeCardProps } from "./node-card";
import { UserCheckIcon } from "./node-icons";
import { configText } from "./config-text";

type Props = Omit<NodeCardProps, "icon" | "summary">;

export function ApprovalNode(props: Props) {
  return <NodeCard {...props} icon={<UserCheckIcon />} summary={configText(props.data.node, "title")} />;
}
