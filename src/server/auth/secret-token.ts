import { createHash, randomBytes } from "node:crypto";

/**
 * Secrets handed to a client (session cookies, API tokens): 32 random bytes,
 * base64url. Only their sha256 is stored, so a database leak reveals no usable
 * credential; sha256 (not scrypt) is enough because the secret has 256 bits of entropy.
 */
export function newSecret(prefix = ""): { secret: string; hash: string } {
  const secret = prefix + randomBytes(32).toString("base64url");
  return { secret, hash: sha256Hex(secret) };
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
