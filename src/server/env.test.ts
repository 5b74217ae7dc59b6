import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, redactUrl } from "./env";

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

  it("reads HTTP_ALLOW_PRIVATE_NETWORKS and names the bad entry", () => {
    expect(parseEnv({}).HTTP_ALLOW_PRIVATE_NETWORKS).toBeUndefined();
    expect(parseEnv({ HTTP_ALLOW_PRIVATE_NETWORKS: "127.0.0.0/8,::1,localhost" }).HTTP_ALLOW_PRIVATE_NETWORKS).toBe("127.0.0.0/8,::1,localhost");
    expect(() => parseEnv({ HTTP_ALLOW_PRIVATE_NETWORKS: "10.0.0.0/8,10.0.0.0/40" })).toThrow(
      /HTTP_ALLOW_PRIVATE_NETWORKS: HTTP_ALLOW_PRIVATE_NETWORKS must be a comma-separated list like 127\.0\.0\.0\/8,::1,localhost \(or \*\): "10\.0\.0\.0\/40" is not a CIDR block/,
    );
  });

  it("reads SANDBOX_MAX_MEMORY_MB (unset: the format's 1024), between one evaluation's default heap and the format's maximum", () => {
    expect(parseEnv({}).SANDBOX_MAX_MEMORY_MB).toBeUndefined();
    expect(parseEnv({ SANDBOX_MAX_MEMORY_MB: "256" }).SANDBOX_MAX_MEMORY_MB).toBe(256);
    expect(() => parseEnv({ SANDBOX_MAX_MEMORY_MB: "16" })).toThrow(/SANDBOX_MAX_MEMORY_MB must be at least 32/);
    expect(() => parseEnv({ SANDBOX_MAX_MEMORY_MB: "2048" })).toThrow(/SANDBOX_MAX_MEMORY_MB must be at most 1024/);
    expect(() => parseEnv({ SANDBOX_MAX_MEMORY_MB: "lots" })).toThrow(/SANDBOX_MAX_MEMORY_MB must be a number of mebibytes/);
  });

  it("reads HTTP_MAX_RESPONSE_KB (default 10240: 10 MiB)", () => {
    expect(parseEnv({}).HTTP_MAX_RESPONSE_KB).toBe(10240);
    expect(parseEnv({ HTTP_MAX_RESPONSE_KB: "512" }).HTTP_MAX_RESPONSE_KB).toBe(512);
    expect(() => parseEnv({ HTTP_MAX_RESPONSE_KB: "ten" })).toThrow(/HTTP_MAX_RESPONSE_KB must be a number of kibibytes, e.g. 10240/);
  });

  it("reads MAX_REQUEST_BODY_KB (default 1024)", () => {
    expect(parseEnv({}).MAX_REQUEST_BODY_KB).toBe(1024);
    expect(parseEnv({ MAX_REQUEST_BODY_KB: "64" }).MAX_REQUEST_BODY_KB).toBe(64);
    expect(() => parseEnv({ MAX_REQUEST_BODY_KB: "0" })).toThrow(/MAX_REQUEST_BODY_KB must be at least 1/);
  });

  it("redactUrl hides every URL password in a message", () => {
    expect(redactUrl("postgres://sy:s3cret@db:5432/x")).toBe("postgres://sy:***@db:5432/x");
    expect(redactUrl("connect to postgres://a:b@h/x failed; retry postgresql://c:d@k/y")).toBe(
      "connect to postgres://a:***@h/x failed; retry postgresql://c:***@k/y",
    );
    expect(redactUrl("postgres://nopassword@h/x")).toBe("postgres://nopassword@h/x");
  });
});
