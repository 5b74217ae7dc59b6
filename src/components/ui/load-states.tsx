import Link from "next/link";
import { Button } from "./button";

/** A page's main content while its data loads: a spinner and what is loading. */
export function LoadingScreen({ label }: { label: string }) {
  return (
    <div aria-busy="true" className="flex flex-1 items-center justify-center text-sm text-zinc-500">
      <span className="mr-2 size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600" aria-hidden="true" />
      {label}
    </div>
  );
}

/**
 * A page's main content when its data could not be loaded: what went wrong,
 * "Try again" unless the thing does not exist, and a way back.
 */
export function LoadFailedScreen({
  title,
  message,
  onRetry,
  backHref,
  backLabel,
}: {
  title: string;
  message: string;
  /** Omitted when retrying cannot help (not found). */
  onRetry?: (() => void) | undefined;
  backHref: string;
  backLabel: string;
}) {
  return (
    <div className="flex flex-1 items-center justify-center p-6">
      <div role="alert" className="max-w-md rounded-xl border border-zinc-200 bg-white p-6 text-center shadow-xs">
        <h1 className="text-base font-semibold text-zinc-900">{title}</h1>
        <p className="mt-1 text-sm text-zinc-600">{message}</p>
        <div className="mt-4 flex justify-center gap-2">
          {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
          <Link
            href={backHref}
            className="inline-flex h-9 items-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
          >
            {backLabel}
          </Link>
        </div>
      </div>
    </div>
  );
}
