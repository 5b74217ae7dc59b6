/** Two tracks meeting at a switch: the logo, drawn inline (no icon font, no network). */
export function SwitchyardMark({ className = "size-6" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`${className} rounded-md bg-indigo-600 p-1 text-white`}>
      <path d="M4 18 L12 12 L20 18 M12 12 V4" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="12" cy="12" r="2" fill="currentColor" />
    </svg>
  );
}
