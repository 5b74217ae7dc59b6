/**
 * What a signed-in person sees on a page their role may not open.
 *
 * Its way out is a plain link, not next/link: Next renders this page's element
 * into every page's payload (the forbidden() boundary's fallback), and a
 * next/link there made every page fetch next/link's chunk while hydrating —
 * after the page's own scripts, a waterfall of ≈ 120 ms on a first visit to the
 * editor. Leaving a page you may not open is a full page load anyway.
 */
export function ForbiddenNotice({ role }: { role: string }) {
  return (
    <main className="flex flex-1 items-start justify-center px-6 pt-[14vh]">
      <div role="alert" className="max-w-md rounded-xl border border-zinc-200 bg-white p-6 text-center shadow-xs">
        <p className="text-xs font-semibold tracking-wide text-zinc-400 uppercase">403</p>
        <h1 className="mt-1 text-base font-semibold text-zinc-900">You don&apos;t have access to this page</h1>
        <p className="mt-1 text-sm text-zinc-600">Your role ({role}) cannot open it. An admin can change your role if you need it.</p>
        <a
          href="/workflows"
          className="mt-4 inline-flex h-9 items-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Back to workflows
        </a>
      </div>
    </main>
  );
}
