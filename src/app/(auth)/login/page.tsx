import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/sign-in-path";
import { currentPageUser, firstRunSetupNeeded } from "@/server/web/page-session";

export const metadata: Metadata = { title: "Sign in" };

/** Sign in; afterwards `?next=` (a path on this site) or the workflows. Nobody to sign in as yet → /setup. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const destination = safeNextPath(typeof next === "string" ? next : null);
  if (await firstRunSetupNeeded()) redirect("/setup");
  if (await currentPageUser()) redirect(destination);
  return <LoginForm next={destination} />;
}
