import { createReadStream, promises as fs } from "node:fs";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import path from "node:path";

/**
 * Serves the build's hashed assets (`/_next/static/…`) from the brotli and
 * gzip copies `npm run build` writes beside them (scripts/precompress-static.ts),
 * in front of Next.js.
 *
 * Next compresses every response as it streams it (gzip, level 6). For the
 * editor's first load that is ≈ 800 KiB of scripts in 12 files compressed again
 * for every visitor with an empty cache, on the same CPU that is rendering the
 * page, each file trickling out in 16 KiB pieces through zlib. Precompressed at
 * build time (brotli at its highest quality: a fifth smaller than gzip), a file
 * is sent in one write, with no compression work per request.
 *
 * Anything else falls through to Next: other paths, methods other than GET and
 * HEAD, a client that accepts neither encoding, a file without copies (small
 * files are not compressed), and any path that is not plainly inside the
 * static directory. The files never change under a running server (their names
 * are content hashes; a new build needs a restart), so what exists is
 * remembered per file.
 */
export const STATIC_PREFIX = "/_next/static/";
const CACHE_FOREVER = "public, max-age=31536000, immutable";
const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

type Copies = Partial<Record<(typeof ENCODINGS)[number]["name"], { file: string; size: number }>>;

export function servePrecompressedStatic(handle: RequestListener, staticDir: string): RequestListener {
  const root = path.resolve(staticDir);
  // Only files the build wrote are remembered (so a client asking for made-up names cannot grow it).
  const known = new Map<string, Copies | null>();
  const copiesOf = async (file: string): Promise<Copies | null> => {
    const remembered = known.get(file);
    if (remembered !== undefined) return remembered;
    const found = await findCopies(file);
    if (found !== undefined) known.set(file, found);
    return found ?? null;
  };
  return (req, res) => {
    const file = staticFile(req, root);
    const accepted = file ? acceptedEncodings(req.headers["accept-encoding"]) : [];
    if (!file || accepted.length === 0) return void handle(req, res);
    void copiesOf(file).then(
      (copies) => {
        const encoding = ENCODINGS.find((e) => accepted.includes(e.name) && copies?.[e.name]);
        if (!encoding) return void handle(req, res);
        send(req, res, file, encoding.name, copies![encoding.name]!);
      },
      () => handle(req, res),
    );
  };
}

/** The asset's path on disk, or null when the request is not a plain GET/HEAD of a file under `root`. */
function staticFile(req: IncomingMessage, root: string): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "";
  if (!url.startsWith(STATIC_PREFIX)) return null;
  const pathname = url.split(/[?#]/, 1)[0]!.slice(STATIC_PREFIX.length);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (relative.includes("\0") || !(path.extname(relative) in CONTENT_TYPES)) return null;
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

/** The encodings of ours the client accepts (`q=0` refuses one). */
export function acceptedEncodings(header: string | string[] | undefined): string[] {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value
    .split(",")
    .map((part) => part.trim().split(";").map((s) => s.trim()))
    .filter(([name, ...params]) => name && !params.some((p) => /^q=0(\.0*)?$/.test(p)))
    .map(([name]) => name!.toLowerCase());
}

/** The file's compressed copies (null: none), or undefined when there is no such file. */
async function findCopies(file: string): Promise<Copies | null | undefined> {
  if (!(await fs.stat(file).catch(() => null))?.isFile()) return undefined;
  const copies: Copies = {};
  for (const { name, suffix } of ENCODINGS) {
    const stat = await fs.stat(file + suffix).catch(() => null);
    if (stat?.isFile()) copies[name] = { file: file + suffix, size: stat.size };
  }
  return Object.keys(copies).length > 0 ? copies : null;
}

function send(req: IncomingMessage, res: ServerResponse, file: string, encoding: string, copy: { file: string; size: number }) {
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[path.extname(file)]!,
    "Content-Encoding": encoding,
    "Content-Length": copy.size,
    "Cache-Control": CACHE_FOREVER,
    Vary: "Accept-Encoding",
  });
  if (req.method === "HEAD") return void res.end();
  const stream = createReadStream(copy.file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}
