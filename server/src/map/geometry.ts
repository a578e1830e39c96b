// Sizes the map's boxes before layout and describes the positioned result every renderer draws from.
import { ExposureMap, MapCluster, MapNode } from './types';

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  id: string;
  /** Absolute coordinates, start to end: a polyline, or with `bezier` cubic Bézier control points (1 + 3n). */
  points: { x: number; y: number }[];
  bezier?: boolean;
  /** With `bezier`: the last point is the arrow tip, after the curve's end. */
  hasEnd?: boolean;
  /** Where the label's centre goes. */
  label?: { x: number; y: number };
}

/** The map with absolute coordinates for every cluster, node and edge. */
export interface LaidOutMap {
  map: ExposureMap;
  width: number;
  height: number;
  clusters: Map<string, Box>;
  nodes: Map<string, Box>;
  edges: Map<string, EdgePath>;
}

/** Approximate text metrics of the renderers' font (12px system sans-serif; width ~0.6 em per character). */
export const FONT = { size: 12, small: 10, charWidth: 6.6, smallCharWidth: 5.6 };
export const NODE_HEIGHT = 42;
export const CLUSTER_HEADER = 34;
export const PADDING = 12;

export function nodeSize(node: MapNode): { width: number; height: number } {
  const text = Math.max(node.label.length * FONT.charWidth, (node.detail?.length ?? 0) * FONT.smallCharWidth);
  return { width: Math.round(Math.min(Math.max(text + 24, 90), 320)), height: NODE_HEIGHT };
}

export function clusterHeaderWidth(cluster: MapCluster): number {
  return Math.round(Math.max(cluster.label.length * FONT.charWidth, (cluster.detail?.length ?? 0) * FONT.smallCharWidth) + 2 * PADDING);
}

/** Characters that fit in `width` pixels at the small size (long details are cut with an ellipsis). */
export function fitText(text: string, width: number, small = true): string {
  const max = Math.floor((width - 16) / (small ? FONT.smallCharWidth : FONT.charWidth));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function edgeLabelWidth(label: string): number {
  return Math.round(label.length * FONT.smallCharWidth + 8);
}
