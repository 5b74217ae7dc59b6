import { ViewportPortal } from "@xyflow/react";
import { memo, useMemo } from "react";
import { useEditorStore } from "@/stores/editor-store-provider";
import { regionLook } from "./region-style";
import { computeRegions } from "./regions";

/**
 * Loop bodies and try/catch/finally parts as shaded rounded areas behind the
 * nodes, in flow coordinates (inside React Flow's viewport, so they pan and
 * zoom with the graph), each labelled at its top-left ("Loop body: items",
 * …). Decoration only: hidden from assistive technology, never takes the
 * pointer. Must be rendered as a child of <ReactFlow>.
 *
 * Recomputed only when the nodes or edges arrays change (a drag, an edit);
 * selection changes replace the nodes array too, which costs one linear pass.
 */
export const CanvasRegions = memo(function CanvasRegions() {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const regions = useMemo(() => [...computeRegions(nodes, edges)].sort((a, b) => a.depth - b.depth), [nodes, edges]);
  if (regions.length === 0) return null;

  return (
    <ViewportPortal>
      <div className="sy-regions" aria-hidden="true">
        {regions.map((region) => {
          const look = regionLook(region);
          const { x, y, width, height } = region.bounds;
          return (
            <div
              key={region.id}
              data-region={`${region.ownerId}.${region.handle}`}
              className={`absolute rounded-xl border border-dashed ${look.area}`}
              style={{ transform: `translate(${x}px, ${y}px)`, width, height }}
            >
              <span className={`absolute top-1.5 left-2.5 text-[11px] font-medium ${look.label}`}>
                {region.label}
              </span>
            </div>
          );
        })}
      </div>
    </ViewportPortal>
  );
});
