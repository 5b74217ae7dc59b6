/** The result table (terminal and Markdown) and docs/BENCHMARKS.md's generated section. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Figure } from "./bench-context";

const BEGIN = "<!-- bench:results:begin (written by npm run bench) -->";
const END = "<!-- bench:results:end -->";

export function formatValue(f: Figure): string {
  const digits = Math.abs(f.value) >= 100 ? 0 : Math.abs(f.value) >= 10 ? 1 : 2;
  return `${f.value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${f.unit}`;
}

export function verdict(f: Figure): string {
  if (!f.target) return "";
  const ok = f.target.op === "<=" ? f.value <= f.target.value : f.value >= f.target.value;
  return `${f.target.op === "<=" ? "≤" : "≥"} ${f.target.value.toLocaleString("en-US")} ${f.unit} ${ok ? "✅ met" : "❌ missed"}`;
}

export function markdownTable(figures: readonly Figure[]): string {
  const head = "| scenario | figure | value | target | vs baseline | reference (2-core) | notes |\n| --- | --- | ---: | --- | --- | --- | --- |";
  const rows = figures.map((f) =>
    `| ${f.scenario} | ${f.figure} | ${formatValue(f)} | ${verdict(f)} | ${f.vsBaseline ?? ""} | ${f.reference ?? ""} | ${f.note ?? ""} |`,
  );
  return [head, ...rows].join("\n");
}

export function terminalTable(figures: readonly Figure[]): string {
  const cells = figures.map((f) => [f.scenario, f.figure, formatValue(f), verdict(f), f.vsBaseline ?? ""]);
  const header = ["scenario", "figure", "value", "target", "vs baseline"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join("  ");
  const notes = figures.filter((f) => f.note || f.reference).map((f) => `  ${f.scenario} — ${[f.note, f.reference && `reference: ${f.reference}`].filter(Boolean).join("; ")}`);
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line), "", "notes:", ...notes].join("\n");
}

export type RunFacts = { command: string; quick: boolean; workers: number; concurrency: number; totalSeconds: number; concurrentLoad: string };

export function machineFacts(run: RunFacts): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const pgVersion = existsSync(".data/pg-bench/PG_VERSION") ? readFileSync(".data/pg-bench/PG_VERSION", "utf8").trim() : "?";
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} cores (\`nproc\` ${safe(() => execFileSync("nproc").toString().trim())}; ${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- node ${process.version}; embedded PostgreSQL ${pgVersion} (fsync, synchronous_commit and full_page_writes ON — durable commits)`,
    `- ${run.workers} worker processes × WORKER_CONCURRENCY=${run.concurrency} (\`node --import tsx worker/main.ts\`), WORKER_POLL_INTERVAL_MS default (200)`,
    `- command: \`${run.command}\`${run.quick ? " (quick: fewer runs, 5 s throughput window)" : ""}; whole run ${run.totalSeconds.toFixed(0)} s`,
    `- other load on the machine when the run started: ${run.concurrentLoad}`,
  ].join("\n");
}

/** Replace the generated section of docs/BENCHMARKS.md (the hand-written analysis around it stays). */
export function writeBenchmarksDoc(root: string, facts: string, figures: readonly Figure[]): string {
  const file = path.join(root, "docs/BENCHMARKS.md");
  const section = `${BEGIN}\n\n${facts}\n\n${markdownTable(figures)}\n\n${END}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const stop = current.indexOf(END);
  const next = start >= 0 && stop > start ? current.slice(0, start) + section + current.slice(stop + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  return file;
}

/** Other Postgres/test servers running on the machine make figures noisy: say so. */
export function concurrentLoad(): string {
  const load = os.loadavg()[0]!.toFixed(2);
  const busy = safe(() => execFileSync("ss", ["-ltn"]).toString())
    .split("\n")
    .filter((l) => /:(54339|54349|3100|3110)\s/.test(l)).length;
  return `1-min load average ${load}; ${busy ? `${busy} other test server port(s) (54339/54349/3100/3110) listening — figures may be noisy` : "no other test servers listening"}`;
}

function safe(f: () => string): string {
  try {
    return f();
  } catch {
    return "";
  }
}
