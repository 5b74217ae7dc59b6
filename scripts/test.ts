/**
 * `npm test`: the whole suite, in order, against real Postgres and a real browser.
 *   1. unit tests (vitest project "unit");
 *   2. integration tests (vitest project "integration": a fresh database per file);
 *   3. `npm run build`: `next build` (also type-checks the app), then the static assets' compressed copies;
 *   4. end-to-end tests (Playwright, Chromium) against the production build.
 * One embedded test Postgres (.data/pg-test) serves steps 2 and 4 and is
 * stopped at the end. Set TEST_DATABASE_URL to use another server instead.
 * Exits non-zero when any step fails; later steps still run so one report shows everything.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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

// Machine-readable results of each runner, summed into the closing "N passed, N failed" line.
const reports = path.join(root, ".data", "test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestArgs = (project: string) => [
  "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, `${project}.json`)}`,
];

const server = await startTestPostgres();
const results: Array<[string, boolean]> = [];
try {
  results.push(["unit", await run("unit tests", bin("vitest"), vitestArgs("unit"))]);
  results.push(["integration", await run("integration tests", bin("vitest"), vitestArgs("integration"))]);
  // `npm run build`, as a person deploys it: next build, then the static assets' compressed copies.
  const built = await run("production build", "npm", ["run", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
  results.push(["build", built]);
  if (built) results.push(["e2e", await run("end-to-end tests", bin("playwright"), ["test"], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(reports, "e2e.json"),
  })]);
} finally {
  await server.stop();
}
function countTests() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const project of ["unit", "integration"]) {
    const file = path.join(reports, `${project}.json`);
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  const e2e = path.join(reports, "e2e.json");
  if (existsSync(e2e)) {
    const { stats } = JSON.parse(readFileSync(e2e, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
  }
  return { passed, failed, skipped };
}

const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
console.log(`\n${failed.length === 0 ? "All test steps passed" : `FAILED steps: ${failed.join(", ")}`} (${results.map(([n, ok]) => `${n} ${ok ? "✓" : "✗"}`).join(", ")})`);
const counts = countTests();
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failed.length === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
