/**
 * `npm test`: the whole suite, in order, against real Postgres and a real browser.
 *   1. unit tests (vitest project "unit");
 *   2. integration tests (vitest project "integration": a fresh database per file);
 *   3. `next build` (also type-checks the app);
 *   4. end-to-end tests (Playwright, Chromium) against the production build.
 * One embedded test Postgres (.data/pg-test) serves steps 2 and 4 and is
 * stopped at the end. Set TEST_DATABASE_URL to use another server instead.
 * Exits non-zero when any step fails; later steps still run so one report shows everything.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startTestPostgres } from "../test/test-postgres";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  console.log(`\n━━ ${label}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => {
      console.log(`━━ ${label}: ${code === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
  });
}

const server = await startTestPostgres();
const results: Array<[string, boolean]> = [];
try {
  results.push(["unit", await run("unit tests", bin("vitest"), ["run", "--project", "unit"])]);
  results.push(["integration", await run("integration tests", bin("vitest"), ["run", "--project", "integration"])]);
  const built = await run("production build", bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  results.push(["build", built]);
  if (built) results.push(["e2e", await run("end-to-end tests", bin("playwright"), ["test"])]);
} finally {
  await server.stop();
}
const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
console.log(`\n${failed.length === 0 ? "All test steps passed" : `FAILED steps: ${failed.join(", ")}`} (${results.map(([n, ok]) => `${n} ${ok ? "✓" : "✗"}`).join(", ")})`);
process.exit(failed.length === 0 ? 0 : 1);
