/**
 * Where sign-in sends a visitor, and how the address they asked for travels:
 * the proxy (src/proxy.ts) puts it on the request as REQUESTED_PATH_HEADER and
 * on the sign-in link as `?next=`. Pure, so the proxy, Server Components and
 * client forms share it.
 */
export const REQUESTED_PATH_HEADER = "x-switchyard-path";
export const HOME_PATH = "/workflows";

/** Pages that are open without a session. */
export const PUBLIC_PAGES = ["/login", "/setup"] as const;

export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

/**
 * The page to open after signing in: `next` when it is a path on this site
 * (never another origin — "//evil.example" and "/\\evil.example" are
 * protocol-relative — and never a sign-in page itself), else the home page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME_PATH;
  if (/[\u0000-\u001f]/.test(next)) return HOME_PATH;
  const pathname = next.split(/[?#]/, 1)[0]!;
  return isPublicPage(pathname) ? HOME_PATH : next;
}

/** `/login`, with `?next=` unless the destination is the home page anyway. */
export function signInPath(next: string | null | undefined): string {
  const destination = safeNextPath(next);
  return destination === HOME_PATH || destination === "/" ? "/login" : `/login?next=${encodeURIComponent(destination)}`;
}
