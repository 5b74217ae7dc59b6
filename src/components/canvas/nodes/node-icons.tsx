import type { ReactNode } from "react";

/**
 * Node type icons: 24×24 stroked paths drawn inline (no icon font, no
 * network), coloured by the surrounding text colour.
 */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const PlayIcon = () => <Icon><path d="M7 4.5v15l12-7.5z" /></Icon>;
export const BoltIcon = () => <Icon><path d="M13 2 4 14h7l-1 8 9-12h-7z" /></Icon>;
export const ClockIcon = () => <Icon><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></Icon>;
export const PenIcon = () => <Icon><path d="M4 20h4L19 9l-4-4L4 16z" /><path d="m13 7 4 4" /></Icon>;
export const CodeIcon = () => <Icon><path d="m8 7-5 5 5 5M16 7l5 5-5 5" /></Icon>;
export const GlobeIcon = () => (
  <Icon><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18" /></Icon>
);
export const DiamondIcon = () => <Icon><path d="m12 3 9 9-9 9-9-9z" /></Icon>;
export const SplitIcon = () => <Icon><path d="M3 12h6l4-6h8M9 12h12M9 12l4 6h8" /></Icon>;
export const MergeIcon = () => <Icon><path d="M3 6h6l4 6h8M3 18h6l4-6" /></Icon>;
export const RepeatIcon = () => (
  <Icon><path d="m17 2 4 4-4 4M3 11V9a3 3 0 0 1 3-3h15M7 22l-4-4 4-4M21 13v2a3 3 0 0 1-3 3H3" /></Icon>
);
export const ExitIcon = () => <Icon><path d="M10 4H5v16h5M14 8l4 4-4 4M18 12H9" /></Icon>;
export const SkipIcon = () => <Icon><path d="M5 5l9 7-9 7zM18 5v14" /></Icon>;
export const ShuffleIcon = () => <Icon><path d="M4 8h13M14 4l4 4-4 4M20 16H7M10 12l-4 4 4 4" /></Icon>;
export const TimerIcon = () => <Icon><circle cx="12" cy="13" r="8" /><path d="M12 9v4l2 2M10 2h4" /></Icon>;
export const CalendarIcon = () => (
  <Icon><rect x="3.5" y="5" width="17" height="16" rx="2" /><path d="M3.5 10h17M8 3v4M16 3v4" /></Icon>
);
export const StoreIcon = () => <Icon><path d="M3 12h11M10 8l4 4-4 4M19 4v16" /></Icon>;
export const LoadIcon = () => <Icon><path d="M21 12H10M14 8l-4 4 4 4M5 4v16" /></Icon>;
export const ShieldIcon = () => <Icon><path d="M12 3 20 6v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z" /></Icon>;
export const StackIcon = () => (
  <Icon><rect x="3" y="3" width="9" height="9" rx="1.5" /><rect x="12" y="12" width="9" height="9" rx="1.5" /></Icon>
);
export const UserCheckIcon = () => (
  <Icon><circle cx="9" cy="8" r="4" /><path d="M3 21a6 6 0 0 1 12 0M16 11l2 2 4-4" /></Icon>
);
export const AlertIcon = () => <Icon><path d="M12 3 2 20h20zM12 10v4M12 17v.01" /></Icon>;
export const FlagIcon = () => <Icon><path d="M5 21V4M5 4h12l-2 4 2 4H5" /></Icon>;
