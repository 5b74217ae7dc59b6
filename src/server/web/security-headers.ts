import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Security headers the web process puts on EVERY response (pages, API,
 * static files, socket.io's polling transport), set by server.ts before
 * Next.js or socket.io see the request.
 *
 * Content-Security-Policy with a fresh nonce per request in production:
 * `script-src 'self' 'nonce-…' 'strict-dynamic'`. Next.js reads the nonce from
 * the request's own CSP header and stamps it on every script it renders (its
 * inline hydration data included), and 'strict-dynamic' lets those scripts load
 * the page's chunks; an injected inline script has no nonce and does not run.
 * Every page is rendered per request (they read the session), which a nonce
 * needs. Development keeps `'unsafe-inline' 'unsafe-eval'`: React's dev build
 * uses eval for server error stacks, and the dev overlay injects scripts.
 *
 * No `upgrade-insecure-requests` and no HSTS: the web process speaks plain HTTP
 * (TLS ends at a proxy in front of it), and a self-hosted instance reached at
 * http://host:3000 would break if the browser upgraded its requests.
 */
/** The headers every response gets; the Content-Security-Policy is per response (applySecurityHeaders). */
export function securityHeaders(): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/** The policy: in production with `nonce` (base64, fresh per response) for the page's scripts. */
export function contentSecurityPolicy(options: { development: true } | { development: false; nonce: string }): string {
  const scripts = options.development
    ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'"
    : `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'`;
  return [
    "default-src 'self'",
    scripts,
    "style-src 'self' 'unsafe-inline'", // React Flow and Next's dev overlay set inline styles
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'", // tRPC, socket.io and the dev HMR socket are same-origin
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce for one response's scripts: 128 random bits. */
const scriptNonce = (): string => randomBytes(16).toString("base64");

/**
 * Sets `headers` and the policy on a response. In production the policy carries a fresh nonce, and is
 * put on the request too: Next.js reads it there (a client's own is replaced) and stamps the page's
 * scripts with it.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, development: boolean): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const csp = contentSecurityPolicy(development ? { development } : { development, nonce: scriptNonce() });
  if (!development) req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", csp);
}
