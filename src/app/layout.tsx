import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ApiProvider } from "@/lib/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchyard", template: "%s · Switchyard" },
  description: "Visual workflow builder and durable workflow engine",
};

/**
 * The document shell. Signed-in pages live in the (app) group, whose layout
 * checks the session and adds the header; /login and /setup in (auth).
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-full flex-col">
        <ApiProvider>{children}</ApiProvider>
      </body>
    </html>
  );
}
