import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { DomainError } from "@/server/errors";

/**
 * Password hashing with node:crypto's scrypt (no dependency).
 *
 * Stored format: `scrypt$N$r$p$saltB64$hashB64` — the parameters travel with
 * the hash, so raising the cost later keeps old hashes verifiable.
 * Cost: N = 2^15, r = 8, p = 1 (32 MiB, ≈ 250 ms on a 2-core build machine,
 * done on libuv's thread pool so the event loop keeps serving).
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 64;
const SALT_BYTES = 16;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** The password rules as one sentence, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `The password must be at least ${PASSWORD_MIN} characters long.`;
  if (password.length > PASSWORD_MAX) return `The password must be at most ${PASSWORD_MAX} characters long.`;
  return null;
}

export function requireAcceptablePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError("BAD_REQUEST", problem);
}

function deriveKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly N = 2^15, r = 8, so leave headroom.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const expected = Buffer.from(parts[5]!, "base64");
  const actual = await deriveKey(password, Buffer.from(parts[4]!, "base64"), { N, r, p });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Spend the time of one verification without a user: sign-in with an unknown
 * email MUST take as long as with a wrong password, or timing tells which
 * emails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword("not a real password");
  await verifyPassword(password, await dummyHash);
  return false;
}
