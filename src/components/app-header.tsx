import Link from "next/link";

/** The slim bar on every page: the product name, which leads back to the workflow list. */
export function AppHeader() {
  return (
    <header className="sticky top-0 z-20 flex h-12 shrink-0 items-center border-b border-zinc-200 bg-white px-4">
      <Link href="/workflows" className="flex items-center gap-2 rounded font-semibold tracking-tight text-zinc-900">
        <SwitchyardMark />
        Switchyard
      </Link>
      <nav aria-label="Main" className="ml-6 flex items-center gap-1 text-sm">
        <Link href="/workflows" className="rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900">
          Workflows
        </Link>
      </nav>
    </header>
  );
}

/** Two tracks meeting at a switch: the logo, drawn inline (no icon font, no network). */
function SwitchyardMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 rounded-md bg-indigo-600 p-1 text-white">
      <path d="M4 18 L12 12 L20 18 M12 12 V4" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="12" cy="12" r="2" fill="currentColor" />
    </svg>
  );
}
