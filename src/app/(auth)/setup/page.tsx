import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { firstRunSetupNeeded } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Create the owner account" };

/** First run only: once any account exists, this page is the sign-in page. */
export default async function SetupPage() {
  if (!(await firstRunSetupNeeded())) redirect("/login");
  return <SetupForm />;
}
