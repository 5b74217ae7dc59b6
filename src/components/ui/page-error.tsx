"use client";

import { useEffect } from "react";
import { Button } from "./button";
import { isChunkLoadError } from "./error-message";

/**
 * What a page shows in place of its content when rendering it failed (the
 * app's error.tsx files): a plain sentence, "Try again", a way back, and — for
 * an error on the server, whose details stay in the server's log — the
 * reference that finds it there. Never the error's own text: that is for
 * developers (the browser's console has it), not for the person using the page.
 *
 * "Try again" fetches the page's data afresh and renders it again — or, when
 * the page's code did not download, loads the page anew: a stylesheet that
 * failed to download stays failed in the document, so rendering again would
 * draw the page without its styles.
 */
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const missingCode = isChunkLoadError(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : null;
  return (
    <div className="flex flex-1 items-center justify-center p-6">
      <div role="alert" className="max-w-md rounded-xl border border-zinc-200 bg-white p-6 text-center shadow-xs">
        <h1 className="text-base font-semibold text-zinc-900">This page could not be shown</h1>
        <p className="mt-1 text-sm text-zinc-600">
          {missingCode
            ? "Part of the page's code did not download. Check the connection and try again."
            : "Something went wrong while showing it. Trying again often helps; nothing you saved is affected."}
        </p>
        {digest ? (
          <p className="mt-2 text-xs text-zinc-500">
            Reference for the server&apos;s log: <code className="font-mono">{digest}</code>
          </p>
        ) : null}
        <div className="mt-4 flex justify-center gap-2">
          <Button onClick={missingCode ? () => window.location.reload() : retry}>Try again</Button>
          {/* A plain link: a full page load is the surest way out of a page that failed. */}
          <a
            href="/workflows"
            className="inline-flex h-9 items-center rounded-md border border-zinc-300 bg-white px-3.5 text-sm font-medium text-zinc-800 shadow-xs hover:bg-zinc-50"
          >
            Back to workflows
          </a>
        </div>
      </div>
    </div>
  );
}
