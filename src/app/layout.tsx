import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ApiProvider } from "@/lib/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchyard", template: "%s · Switchyard" },
  description: "Visual workflow builder and durable workflow engine",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-full flex-col">
        <ApiProvider>
          <AppHeader />
          <div className="flex min-h-0 flex-1 flex-col">{children}</div>
        </ApiProvider>
      </body>
    </html>
  );
}
