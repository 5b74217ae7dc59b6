import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getDatabase } from "@/server/db/prisma";
import { needsSetup } from "@/server/auth/auth-service";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { REQUESTED_PATH_HEADER, signInPath } from "@/lib/sign-in-path";
import { readSession } from "@/server/auth/sessions";
import type { CurrentUser } from "@/server/auth/user-record";

/**
 * Who is looking at a page, for Server Components (layouts and pages). The
 * session cookie is checked against the database — the proxy (src/proxy.ts)
 * only looks for its presence. Authorization of data stays in tRPC: this
 * decides what to render and where to send a visitor, nothing more.
 *
 * Read-only on purpose: the sliding expiry (sessions.ts) is left to the API,
 * which can re-send the cookie; a Server Component cannot set cookies, so a
 * slide here would move the database's expiry without the browser's.
 * `cache` makes the layout and the page of one request share one query.
 */
export const currentPageUser = cache(async (): Promise<CurrentUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return (await readSession(getDatabase().prisma, token, { slide: false }))?.user ?? null;
});

/** True while no account exists: every page then leads to /setup. Makes the page dynamic (never prerendered at build). */
export const firstRunSetupNeeded = cache(async (): Promise<boolean> => {
  await connection();
  return needsSetup(getDatabase().prisma);
});

/** The path (and query) of this page request, as the proxy recorded it; null when the proxy did not run. */
export async function requestedPath(): Promise<string | null> {
  return (await headers()).get(REQUESTED_PATH_HEADER);
}

/**
 * The signed-in user of a page that needs one. Otherwise the visitor is sent
 * to /setup (no account exists yet) or to /login, with the page they asked for.
 */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await currentPageUser();
  if (user) return user;
  if (await firstRunSetupNeeded()) redirect("/setup");
  redirect(signInPath(await requestedPath()));
}
