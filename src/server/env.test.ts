import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("fills defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, EMBEDDED_PG_PORT: 54329, WORKER_CONCURRENCY: 8, NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names the variable and the fix for a bad port", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT: PORT must be a TCP port number, e\.g\. PORT=3000 \(got "abc"\)/);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: PORT must be between 1 and 65535 \(got "70000"\)/);
  });

  it("explains a malformed DATABASE_URL without echoing its password", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://u:secret@h/db" });
    expect(attempt).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(attempt).toThrow(/got "mysql:\/\/u:\*\*\*@h\/db"/);
  });

  it("reports every bad variable at once", () => {
    try {
      parseEnv({ PORT: "x", WORKER_CONCURRENCY: "0", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      const lines = (error as Error).message.split("\n").slice(1);
      expect(lines.map((l) => l.trim().split(":")[1]?.trim() ?? l)).toHaveLength(3);
      expect((error as Error).message).toMatch(/WORKER_CONCURRENCY: WORKER_CONCURRENCY must be at least 1/);
      expect((error as Error).message).toMatch(/LOG_LEVEL: LOG_LEVEL must be one of debug, info, warn, error/);
    }
  });
});
