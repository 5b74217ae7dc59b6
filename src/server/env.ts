import { z } from "zod";
import { parseNetworkAllowlist } from "./network-policy";

/**
 * Configuration read from the environment, validated once at boot by every
 * process (web, worker, CLI). A bad value stops the process with a sentence
 * naming the variable and how to fix it — never a stack trace.
 */
const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a TCP port number, e.g. ${name}=${fallback}` })
    .int(`${name} must be a whole number, e.g. ${name}=${fallback}`)
    .min(1, `${name} must be between 1 and 65535`)
    .max(65535, `${name} must be between 1 and 65535`)
    .default(fallback);

export const Env = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "NODE_ENV must be one of development, production, test (or unset)",
    })
    .default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), {
      message:
        "DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/dbname — or unset it to use the embedded Postgres",
    })
    .optional(),
  PORT: port("PORT", 3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  EMBEDDED_PG_PORT: port("EMBEDDED_PG_PORT", 54329),
  EMBEDDED_PG_DIR: z.string().min(1).default(".data/pg"),
  WORKER_CONCURRENCY: z.coerce
    .number({ error: "WORKER_CONCURRENCY must be a number of parallel jobs, e.g. WORKER_CONCURRENCY=8" })
    .int("WORKER_CONCURRENCY must be a whole number, e.g. 8")
    .min(1, "WORKER_CONCURRENCY must be at least 1")
    .max(256, "WORKER_CONCURRENCY must be at most 256")
    .default(8),
  WORKER_POLL_INTERVAL_MS: z.coerce
    .number({ error: "WORKER_POLL_INTERVAL_MS must be a number of milliseconds, e.g. 200" })
    .int("WORKER_POLL_INTERVAL_MS must be a whole number of milliseconds")
    .min(10, "WORKER_POLL_INTERVAL_MS must be at least 10")
    .max(60_000, "WORKER_POLL_INTERVAL_MS must be at most 60000")
    .default(200),
  WORKER_HEARTBEAT_SECONDS: z.coerce
    .number({ error: "WORKER_HEARTBEAT_SECONDS must be a number of seconds, e.g. 5" })
    .positive("WORKER_HEARTBEAT_SECONDS must be greater than 0")
    .max(3600, "WORKER_HEARTBEAT_SECONDS must be at most 3600")
    .default(5),
  WORKER_STALE_SECONDS: z.coerce
    .number({ error: "WORKER_STALE_SECONDS must be a number of seconds, e.g. 15" })
    .positive("WORKER_STALE_SECONDS must be greater than 0")
    .max(3600, "WORKER_STALE_SECONDS must be at most 3600")
    .default(15),
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ error: "WORKER_SHUTDOWN_GRACE_SECONDS must be a number of seconds, e.g. 10" })
    .min(0, "WORKER_SHUTDOWN_GRACE_SECONDS must be 0 or more")
    .max(3600, "WORKER_SHUTDOWN_GRACE_SECONDS must be at most 3600")
    .default(10),
  MAX_ACTIVE_EXECUTIONS_PER_OWNER: z.coerce
    .number({ error: "MAX_ACTIVE_EXECUTIONS_PER_OWNER must be a number of executions, e.g. 100" })
    .int("MAX_ACTIVE_EXECUTIONS_PER_OWNER must be a whole number")
    .min(1, "MAX_ACTIVE_EXECUTIONS_PER_OWNER must be at least 1")
    .default(1000),
  MAX_NODE_RUNS_PER_EXECUTION: z.coerce
    .number({ error: "MAX_NODE_RUNS_PER_EXECUTION must be a number, e.g. 100000" })
    .int("MAX_NODE_RUNS_PER_EXECUTION must be a whole number")
    .min(10, "MAX_NODE_RUNS_PER_EXECUTION must be at least 10")
    .default(100_000),
  MAX_STORED_VALUE_KB: z.coerce
    .number({ error: "MAX_STORED_VALUE_KB must be a number of kibibytes, e.g. 256" })
    .int("MAX_STORED_VALUE_KB must be a whole number")
    .min(1, "MAX_STORED_VALUE_KB must be at least 1")
    .default(256),
  HTTP_ALLOW_PRIVATE_NETWORKS: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      try {
        parseNetworkAllowlist(value);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `HTTP_ALLOW_PRIVATE_NETWORKS must be a comma-separated list like 127.0.0.0/8,::1,localhost (or *): ${(error as Error).message}`,
        });
      }
    })
    .optional(),
  HTTP_MAX_RESPONSE_KB: z.coerce
    .number({ error: "HTTP_MAX_RESPONSE_KB must be a number of kibibytes, e.g. 10240" })
    .int("HTTP_MAX_RESPONSE_KB must be a whole number")
    .min(1, "HTTP_MAX_RESPONSE_KB must be at least 1")
    .max(1024 * 1024, "HTTP_MAX_RESPONSE_KB must be at most 1048576 (1 GiB)")
    .default(10 * 1024),
  // Unset: the workflow format's maximum for settings.sandbox.memoryMb (1024), so every valid document gets
  // what it asks for. Lower it to bound a worker's memory: what an evaluation touched stays resident (wasm
  // memory cannot shrink), and a larger request then fails with an error naming both figures.
  SANDBOX_MAX_MEMORY_MB: z.coerce
    .number({ error: "SANDBOX_MAX_MEMORY_MB must be a number of mebibytes, e.g. 256" })
    .int("SANDBOX_MAX_MEMORY_MB must be a whole number")
    .min(32, "SANDBOX_MAX_MEMORY_MB must be at least 32 (the default heap of one evaluation)")
    .max(1024, "SANDBOX_MAX_MEMORY_MB must be at most 1024 (the largest settings.sandbox.memoryMb)")
    .optional(),
  MAX_REQUEST_BODY_KB: z.coerce
    .number({ error: "MAX_REQUEST_BODY_KB must be a number of kibibytes, e.g. 1024" })
    .int("MAX_REQUEST_BODY_KB must be a whole number")
    .min(1, "MAX_REQUEST_BODY_KB must be at least 1")
    .max(1024 * 1024, "MAX_REQUEST_BODY_KB must be at most 1048576 (1 GiB)")
    .default(1024),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"], { error: "TRUST_PROXY must be true or false" })
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error"], {
      error: "LOG_LEVEL must be one of debug, info, warn, error",
    })
    .default("info"),
});
export type Env = z.infer<typeof Env>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parse `source` (default: process.env); throws EnvError with one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty string means "unset" for every variable (common in .env files and CI).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = Env.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const got = cleaned[name];
    const shown = got === undefined ? "" : ` (got "${name === "DATABASE_URL" ? redactUrl(got) : got}")`;
    return `  - ${name}: ${issue.message}${shown}`;
  });
  return failWith(`Invalid configuration:\n${lines.join("\n")}`);
}

function failWith(message: string): never {
  throw new EnvError(message);
}

/** Hides the password of every `scheme://user:password@` URL in `text` (a URL or a whole message). */
export function redactUrl(text: string): string {
  return text.replace(/\/\/([^:/@\s]+):[^@\s]*@/g, "//$1:***@");
}

let cached: Env | undefined;

/**
 * The validated environment of this process. On a bad value it prints the
 * problem and exits with status 1 (boot-time use: server, worker, CLI).
 */
export function loadEnv(): Env {
  if (cached) return cached;
  try {
    cached = parseEnv();
    return cached;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`switchyard: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
