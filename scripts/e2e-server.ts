/**
 * Playwright's web server: the production build (`npm start`'s supervisor,
 * with its worker) on a fresh database cloned from the test template, so
 * every e2e run starts from an empty product.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createDatabaseFromTemplate, dropDatabase, prepareTemplate, startTestPostgres } from "../test/test-postgres";
import { LOOPBACK_ALLOWLIST } from "@/server/network-policy";

const root = path.resolve(import.meta.dirname, "..");
const server = await startTestPostgres();
const template = await prepareTemplate(server);
const name = `sy_e2e_${Date.now()}`;
await createDatabaseFromTemplate(server.adminUrl, name, template);
await dropDatabase(server.adminUrl, template);

const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/dev.ts")], {
  cwd: root,
  stdio: "inherit",
  // A production build, but its worker may call test services on this machine.
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: server.urlFor(name), HTTP_ALLOW_PRIVATE_NETWORKS: LOOPBACK_ALLOWLIST },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", async (code) => {
  await server.stop();
  process.exit(code ?? 0);
});
