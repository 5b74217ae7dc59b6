import { afterAll, beforeAll } from "vitest";

/**
 * A value made before the test file's tests (beforeAll) and released after
 * them (afterAll), read with the returned function — inside a test, since it
 * does not exist before; reading it earlier throws, naming `what`.
 */
export function fileScoped<T>(what: string, make: () => T | Promise<T>, release?: (value: T) => unknown): () => T {
  let value: { current: T } | undefined;
  beforeAll(async () => {
    value = { current: await make() };
  });
  afterAll(async () => {
    if (value && release) await release(value.current);
  });
  return () => {
    if (!value) throw new Error(`${what}: read it inside a test`);
    return value.current;
  };
}
