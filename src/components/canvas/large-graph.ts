/**
 * From this many nodes on, a graph is "large" for the canvas: React Flow draws
 * only what is in view, it opens at its trigger instead of fitted
 * (start-viewport.ts), and cards zoomed far out drop their detail
 * (node-card.tsx). Below it everything is drawn in full: cheap, and off-screen
 * nodes stay in the page.
 */
export const LARGE_GRAPH_NODES = 150;
