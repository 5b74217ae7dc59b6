import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The modules a source file pulls in at run time, following only static
 * imports and re-exports of our own sources (`src/`): what the bundler puts in
 * the page's first chunks. `import type`, `export type` and lists of type-only
 * names are erased by the compiler and left out; `import()` loads a separate
 * chunk and is not followed. A re-export counts in full (Turbopack keeps a
 * re-exported module that has side effects, such as building zod schemas, even
 * when none of its names is used). For tests that keep a package (zod) out of
 * a page's first load.
 */

const SRC = path.resolve(import.meta.dirname, "../src");
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];
/** `import … from "x"`, `import "x"`, `export … from "x"`; the part before `from` never holds `;`, `=`, parentheses or quotes. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:([^;=()"'`]*?)\s+from\s+)?["']([^"']+)["']/gm;

/** `{ type A, type B }`: erased. A default, namespace or side-effect import is not. */
function isTypeOnly(clause: string | undefined): boolean {
  const named = clause === undefined ? null : /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (named === null) return false;
  const names = (named[1] ?? "").split(",").map((name) => name.trim()).filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith("type "));
}

function resolveSource(specifier: string, from: string): string | undefined {
  const base = specifier.startsWith("@/") ? path.join(SRC, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  return EXTENSIONS.map((extension) => base + extension).find((file) => existsSync(file));
}

/**
 * How `entry` reaches `packageName` through static imports, as the list of
 * files from `entry` to the one importing it (relative to src/); undefined when
 * it does not.
 */
export function staticImportChain(entry: string, packageName: string): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const [, typeKeyword, clause, specifier = ""] of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      if (typeKeyword !== undefined || isTypeOnly(clause)) continue;
      if (specifier === packageName || specifier.startsWith(`${packageName}/`)) {
        const chain: string[] = [];
        for (let at: string | undefined = file; at !== undefined; at = cameFrom.get(at)) chain.unshift(path.relative(SRC, at));
        return chain;
      }
      if (!specifier.startsWith(".") && !specifier.startsWith("@/")) continue; // another package
      const resolved = resolveSource(specifier, file);
      if (resolved === undefined || cameFrom.has(resolved)) continue; // a stylesheet, or seen
      cameFrom.set(resolved, file);
      queue.push(resolved);
    }
  }
  return undefined;
}

export function sourcePath(relativeToSrc: string): string {
  return path.join(SRC, relativeToSrc);
}
