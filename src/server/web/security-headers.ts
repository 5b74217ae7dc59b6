import type { ServerResponse } from "node:http";

/**
 * Security headers the web process puts on EVERY response (pages, API,
 * static files, socket.io's polling transport), set by server.ts before
 * Next.js or socket.io see the request.
 *
 * Content-Security-Policy without a nonce, on purpose: Next.js can only put a
 * per-request nonce on the scripts of pages it renders per request, and some
 * pages are prerendered at build time (/ and the 404 page) — their inline
 * hydration scripts (`self.__next_f.push(…)`) carry no nonce, so a nonce
 * policy would block them. Hence `script-src 'self' 'unsafe-inline'`: no script
 * from another origin, no plugins, no <base> hijack, no framing, no form posts
 * elsewhere, fetch/XHR/WebSocket only to this origin. docs/SECURITY.md says what
 * moving to nonces needs. Development adds 'unsafe-eval' (React's dev build
 * uses eval for server error stacks) and nothing else.
 *
 * No `upgrade-insecure-requests` and no HSTS: the web process speaks plain HTTP
 * (TLS ends at a proxy in front of it), and a self-hosted instance reached at
 * http://host:3000 would break if the browser upgraded its requests.
 */
export function securityHeaders(options: { development: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // React Flow and Next's dev overlay set inline styles
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'", // tRPC, socket.io and the dev HMR socket are same-origin
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

export function applySecurityHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
