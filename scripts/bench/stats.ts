/** Small statistics and /proc readers for the benchmark. */
import { readFileSync } from "node:fs";

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** A field of /proc/<pid>/status in MB (VmRSS, VmHWM), or NaN when the process is gone. */
export function procMemoryMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples the summed VmRSS of some processes every `everyMs` until stopped. */
export function sampleRss(pids: readonly number[], everyMs = 100) {
  const total = () => pids.reduce((sum, pid) => sum + procMemoryMb(pid, "VmRSS"), 0);
  const samples: number[] = [total()];
  const timer = setInterval(() => samples.push(total()), everyMs);
  return {
    now: total,
    stop(): { first: number; peak: number; last: number } {
      clearInterval(timer);
      samples.push(total());
      return { first: samples[0]!, peak: Math.max(...samples), last: samples[samples.length - 1]! };
    },
  };
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);
