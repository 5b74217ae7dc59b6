import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: pure unit tests beside their source, and integration tests
// (*.int.test.ts) that each get a fresh Postgres database (see test/int-setup.ts).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "worker/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "worker/**/*.int.test.ts", "test/**/*.int.test.ts"],
          globalSetup: ["test/int-global-setup.ts"],
          setupFiles: ["test/int-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
