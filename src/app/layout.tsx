import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PageErrorBoundary } from "@/components/ui/page-error-boundary";
import { ApiProvider } from "@/lib/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchyard", template: "%s · Switchyard" },
  description: "Visual workflow builder and durable workflow engine",
};

/**
 * The document shell. Signed-in pages live in the (app) group, whose layout
 * checks the session and adds the header; /login and /setup in (auth).
 * A page that fails to render shows PageError: under the header for signed-in
 * pages (the (app) layout's own boundary), here for the rest. Boundaries are
 * components of the layouts rather than error.tsx files, whose chunks Next
 * fetches separately (see page-error-boundary.tsx).
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-full flex-col">
        <ApiProvider>
          <PageErrorBoundary>{children}</PageErrorBoundary>
        </ApiProvider>
      </body>
    </html>
  );
}
