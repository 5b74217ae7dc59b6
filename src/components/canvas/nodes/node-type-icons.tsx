import type { ComponentType } from "react";
import type { NodeType } from "@/engine/nodes/registry";
import {
  AlertIcon,
  BoltIcon,
  CalendarIcon,
  ClockIcon,
  CodeIcon,
  DiamondIcon,
  ExitIcon,
  FlagIcon,
  GlobeIcon,
  LoadIcon,
  MergeIcon,
  PenIcon,
  PlayIcon,
  RepeatIcon,
  ShieldIcon,
  ShuffleIcon,
  SkipIcon,
  SplitIcon,
  StackIcon,
  StoreIcon,
  TimerIcon,
  UserCheckIcon,
} from "./node-icons";

/**
 * The icon of each node type: on its canvas card, in the palette and in any
 * panel about the node, so a type looks the same everywhere.
 */
export const nodeTypeIcons = {
  "trigger.manual": PlayIcon,
  "trigger.webhook": BoltIcon,
  "trigger.schedule": ClockIcon,
  set: PenIcon,
  code: CodeIcon,
  "http.request": GlobeIcon,
  if: DiamondIcon,
  switch: SplitIcon,
  join: MergeIcon,
  loop: RepeatIcon,
  break: ExitIcon,
  continue: SkipIcon,
  transform: ShuffleIcon,
  delay: TimerIcon,
  wait: CalendarIcon,
  "variable.set": StoreIcon,
  "variable.get": LoadIcon,
  try: ShieldIcon,
  subworkflow: StackIcon,
  approval: UserCheckIcon,
  fail: AlertIcon,
  output: FlagIcon,
} satisfies Record<NodeType, ComponentType>;
