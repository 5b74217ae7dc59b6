import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { SessionProvider } from "@/components/session/session-provider";
import { PageErrorBoundary } from "@/components/ui/page-error-boundary";
import { requirePageUser } from "@/server/web/page-session";

/**
 * Every signed-in page. The session cookie is verified against the database
 * here (the proxy only saw that one was sent); without a valid one the visitor
 * goes to /login, or to /setup while no account exists. The user's role is
 * handed to client components, which hide what it cannot do — the API refuses
 * it regardless.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <SessionProvider user={user}>
      <AppHeader user={user} />
      <div className="flex min-h-0 flex-1 flex-col">
        <PageErrorBoundary>{children}</PageErrorBoundary>
      </div>
    </SessionProvider>
  );
}
