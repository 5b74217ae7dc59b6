import { defineConfig } from "prisma/config";

// Prisma 7: the connection URL lives here, not in schema.prisma. `env()` would
// throw when DATABASE_URL is unset (e.g. during `prisma generate` in
// postinstall), so read process.env directly.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgres://localhost:54329/switchyard" },
});
