/**
 * Where the browser's time goes when the editor opens (and drags on) the
 * 500-node workflow: a CPU profile through the Chrome DevTools Protocol,
 * summarised as self time per script, per package or source folder, and per
 * function. Needs a running production app, a session cookie and the id of a
 * large workflow:
 * `node --import tsx scripts/bench/profile-canvas.ts BASE_URL SESSION_COOKIE WORKFLOW_ID [open|drag]`.
 * The canvas bench profiles a warm open itself with BENCH_CANVAS_PROFILE=DIR
 * (scenario-canvas.ts); `profile-canvas.ts --summarise FILE [TOP]` summarises
 * such a saved profile again, against the build it was taken on. Names are minified unless the build has source maps
 * (`productionBrowserSourceMaps: true` in next.config.ts, for profiling only):
 * then every frame is named by its original file, line and name.
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type CDPSession } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "../..");

type CpuProfile = Awaited<ReturnType<typeof stopProfile>>;

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
}

export async function stopProfile(cdp: CDPSession) {
  return (await cdp.send("Profiler.stop")).profile;
}

/** Self time per script, per package / source folder and per function (original names when .map files exist). */
export function summariseProfile(profile: CpuProfile, top = 30): string[] {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string): SourceMap | null => {
    const chunk = url.match(/\/_next\/(static\/chunks\/[^?#]+\.js)/)?.[1];
    if (!chunk) return null;
    if (!maps.has(chunk)) {
      // The chunk names its map in its last line (Turbopack's map files are not named after the chunk).
      const file = path.join(ROOT, ".next", chunk);
      const mapName = existsSync(file) ? readFileSync(file, "utf8").match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1] : undefined;
      const mapFile = mapName === undefined ? undefined : path.join(path.dirname(file), mapName);
      maps.set(chunk, mapFile && existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null);
    }
    return maps.get(chunk)!;
  };
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const keys = new Map<number, { fn: string; script: string; origin: string }>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const script = f.url.split("/").pop() || "(native)";
    const entry = mapFor(f.url)?.findEntry(f.lineNumber, f.columnNumber);
    const source = entry && "originalSource" in entry ? entry : undefined;
    const file = source?.originalSource.replace(/^.*?\[project\]\//, "").replace(/^.*?node_modules\//, "node_modules/");
    const origin = file ? (file.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path.dirname(file)) : f.url ? script : f.functionName || "(program)";
    // `name` (the original identifier) is in Node 20's findEntry result, not yet in its types.
    const name = (source as { name?: string } | undefined)?.name || f.functionName || "(anon)";
    const where = file ? `${file}:${source!.originalLine + 1}` : `${script}:${f.lineNumber}:${f.columnNumber}`;
    keys.set(node.id, { fn: `${name} ${where}`, script, origin });
  }
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const key = keys.get(id)!;
    const ms = (dt[i] ?? 0) / 1000;
    add(self, key.fn, ms);
    add(byScript, key.script, ms);
    add(byOrigin, key.origin, ms);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const list = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v.toFixed(0)}ms`).join(", ");
  return [
    `total sampled ${total.toFixed(0)} ms`,
    `by script: ${list(byScript, 8)}`,
    `by origin: ${list(byOrigin, 16)}`,
    ...[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${key}`),
  ];
}

async function main() {
  if (process.argv[2] === "--summarise") {
    // A profile written by the canvas bench (BENCH_CANVAS_PROFILE), against the build it was taken on.
    const profile = JSON.parse(readFileSync(process.argv[3] ?? "", "utf8")) as CpuProfile;
    for (const line of summariseProfile(profile, Number(process.argv[4] ?? 60))) console.log(line);
    return;
  }
  const [base, cookie, workflowId, phase = "open"] = process.argv.slice(2);
  if (!base || !cookie || !workflowId) throw new Error("usage: profile-canvas.ts BASE_URL SESSION_COOKIE WORKFLOW_ID [open|drag]");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: "sy_session", value: cookie, url: base }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (phase === "open") await startProfile(cdp);
  const t0 = Date.now();
  await page.goto(`/workflows/${workflowId}`);
  await page.locator('.react-flow__node[data-id="start"]').waitFor({ state: "visible", timeout: 60_000 });
  console.log(`open ${Date.now() - t0} ms`);
  if (phase === "drag") {
    const box = (await page.locator('.react-flow__node[data-id="start"]').boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + 20);
    await page.mouse.down();
    await startProfile(cdp);
    const t1 = Date.now();
    for (let i = 1; i <= 20; i++) {
      await page.mouse.move(box.x + 60 + i * 5, box.y + 20 + i * 2);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    }
    console.log(`drag ${(Date.now() - t1) / 20} ms/step`);
  }
  for (const line of summariseProfile(await stopProfile(cdp))) console.log(line);
  await browser.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
