import type { Metadata } from "next";
import { ApprovalInbox } from "@/components/approvals/approval-inbox";
import { requirePageUser } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Approvals" };

/** The approval tasks waiting for the signed-in user (admins: all), oldest first. */
export default async function ApprovalsPage() {
  // Every page checks the session itself: a client-side navigation does not re-render the layout.
  await requirePageUser();
  return (
    <main className="mx-auto w-full max-w-3xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Approvals</h1>
      <p className="mt-1 text-sm text-zinc-500">Runs paused until someone approves or rejects — the ones assigned to you.</p>
      <section aria-label="Waiting for you" className="mt-6">
        <ApprovalInbox />
      </section>
    </main>
  );
}
