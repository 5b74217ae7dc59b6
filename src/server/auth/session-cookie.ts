/**
 * The session cookie `sy_session`: httpOnly (no script can read it),
 * SameSite=Lax (not sent on cross-site POSTs), Path=/, Secure on https,
 * Max-Age 30 days — re-sent when the session slides (sessions.ts).
 */
export const SESSION_COOKIE = "sy_session";
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function sessionCookie(token: string, options: { secure: boolean }): string {
  return serialize(token, SESSION_MAX_AGE_SECONDS, options.secure);
}

/** Tells the browser to forget the cookie (sign-out, or a cookie whose session is gone). */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return serialize("", 0, options.secure);
}

function serialize(value: string, maxAge: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || null;
  }
  return null;
}
