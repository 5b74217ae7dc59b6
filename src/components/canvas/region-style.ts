/**
 * How a region is shaded on the canvas, by what owns it: a loop's body is
 * indigo, a try's `try` amber, `catch` red, `finally` zinc. Pure, so it is
 * unit-tested; the shape of a region comes from `computeRegions` (regions.ts).
 */
export type RegionLook = { area: string; label: string };

const looks = {
  loop: { area: "bg-indigo-500/[0.06] border-indigo-300", label: "text-indigo-700" },
  try: { area: "bg-amber-500/[0.07] border-amber-300", label: "text-amber-800" },
  catch: { area: "bg-red-500/[0.06] border-red-300", label: "text-red-700" },
  finally: { area: "bg-zinc-500/[0.06] border-zinc-300", label: "text-zinc-600" },
} satisfies Record<string, RegionLook>;

export function regionLook(region: { kind: "loop" | "try"; handle: string }): RegionLook {
  if (region.kind === "loop") return looks.loop;
  if (region.handle === "catch") return looks.catch;
  if (region.handle === "finally") return looks.finally;
  return looks.try;
}
