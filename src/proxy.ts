import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { isPublicPage, REQUESTED_PATH_HEADER, signInPath } from "@/lib/sign-in-path";

/**
 * The first, cheap gate in front of every page (Next 16's proxy, formerly
 * middleware): without a session cookie a visitor is sent to /login with the
 * page they asked for as `?next=`. It only looks for the cookie's presence —
 * whether the session is real is decided against the database by the signed-in
 * layout (src/app/(app)/layout.tsx), and what a user may do by the API (tRPC
 * procedures check role on every call). The API, Next's assets and files are
 * not matched.
 *
 * Every matched request also gets REQUESTED_PATH_HEADER, so a layout that
 * finds the cookie stale can send the visitor back to the same page after sign-in.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const requested = pathname + visibleSearch(request.nextUrl.searchParams);
  if (!isPublicPage(pathname) && !request.cookies.get(SESSION_COOKIE)?.value) {
    const [path, query] = signInPath(requested).split("?");
    const url = request.nextUrl.clone();
    url.pathname = path!;
    url.search = query ? `?${query}` : "";
    return NextResponse.redirect(url);
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(REQUESTED_PATH_HEADER, requested);
  return NextResponse.next({ request: { headers: forwarded } });
}

/** The query a person typed or followed: without `_rsc`, the router's cache-buster on client-side navigations. */
function visibleSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams(params);
  kept.delete("_rsc");
  const query = kept.toString();
  return query ? `?${query}` : "";
}

export const config = {
  // Pages only: not the API (it answers 401 itself), Next's build assets, or files with an extension.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)"],
};
