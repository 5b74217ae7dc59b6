/**
 * `npm run build`'s last step: writes a brotli (`.br`, highest quality) and a
 * gzip (`.gz`, level 9) copy beside every text asset of `.next/static` of at
 * least 1 KiB, for the web server to send as they are
 * (src/server/web/precompressed-static.ts). A copy that would not be smaller
 * is not written. Idempotent: re-running rewrites the copies.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const STATIC_DIR = path.join(process.cwd(), ".next", "static");
const TEXT = new Set([".js", ".css", ".json", ".svg", ".txt", ".map"]);
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile() && TEXT.has(path.extname(entry.name))) yield full;
  }
}

const started = Date.now();
let count = 0;
let before = 0;
let after = 0;
const work: Array<Promise<void>> = [];
for await (const file of files(STATIC_DIR)) {
  work.push(
    (async () => {
      const body = await fs.readFile(file);
      if (body.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gzip(body, { level: 9 }),
      ]);
      for (const [copy, suffix] of [[br, ".br"], [gz, ".gz"]] as const) {
        if (copy.length < body.length) await fs.writeFile(file + suffix, copy);
        else await fs.rm(file + suffix, { force: true });
      }
      count++;
      before += body.length;
      after += br.length;
    })(),
  );
}
await Promise.all(work);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`precompressed ${count} static files in ${((Date.now() - started) / 1000).toFixed(1)} s: ${kib(before)} → ${kib(after)} with brotli`);
