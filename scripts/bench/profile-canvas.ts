/**
 * Where the browser's time goes when the editor opens (and drags on) the
 * 500-node workflow: a CPU profile through the Chrome DevTools Protocol,
 * summarised as self time per script and per function (minified names; find
 * them in .next/static/chunks at the printed column). Needs a running
 * production app, a session cookie and the id of a large workflow:
 * `node --import tsx scripts/bench/profile-canvas.ts BASE_URL SESSION_COOKIE WORKFLOW_ID [open|drag]`.
 */
import { chromium } from "@playwright/test";

const [base, cookie, workflowId, phase = "open"] = process.argv.slice(2);
if (!base || !cookie || !workflowId) throw new Error("usage: profile-canvas.ts BASE_URL SESSION_COOKIE WORKFLOW_ID [open|drag]");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
await context.addCookies([{ name: "sy_session", value: cookie, url: base }]);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
if (phase === "open") await cdp.send("Profiler.start");
const t0 = Date.now();
await page.goto(`/workflows/${workflowId}`);
await page.locator('.react-flow__node[data-id="start"]').waitFor({ state: "visible", timeout: 60_000 });
console.log(`open ${Date.now() - t0} ms`);
if (phase === "drag") {
  const box = (await page.locator('.react-flow__node[data-id="start"]').boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await cdp.send("Profiler.start");
  const t1 = Date.now();
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(box.x + 60 + i * 5, box.y + 20 + i * 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  console.log(`drag ${(Date.now() - t1) / 20} ms/step`);
}
const { profile } = await cdp.send("Profiler.stop");
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
(profile.samples ?? []).forEach((id, i) => {
  const node = byId.get(id)!;
  const f = node.callFrame;
  const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}:${f.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
const byScript = new Map<string, number>();
for (const [key, ms] of self) {
  const script = key.split(" ")[1]!.split(":")[0]!;
  byScript.set(script, (byScript.get(script) ?? 0) + ms);
}
console.log("by script:", [...byScript.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}ms`).join(", "));
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`total sampled ${total.toFixed(0)} ms`);
for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
await browser.close();
