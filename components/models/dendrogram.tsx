"use client";

import { useI18n } from "@/lib/i18n/client";
import type { HierarchyArtifact } from "./types";

const WIDTH = 720;
const HEIGHT = 300;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

/**
 * The Ward tree over k-means leaves as an SVG: leaves along the bottom in an order that never
 * crosses branches, each merge drawn as a bracket at its height (SciPy's linkage convention).
 */
export function Dendrogram({ artifact, ariaLabel }: { artifact: HierarchyArtifact; ariaLabel: string }) {
  const { t } = useI18n();
  const { leafCount: n, merges, leafSizes } = artifact;
  // Leaf order from a depth-first walk of the tree, so brackets nest without crossing.
  const children = (id: number): number[] => (id < n ? [id] : [...children(merges[id - n]!.a), ...children(merges[id - n]!.b)]);
  const order = merges.length ? children(n + merges.length - 1) : Array.from({ length: n }, (_, i) => i);
  const slot = new Map(order.map((leaf, i) => [leaf, i] as const));
  const maxHeight = Math.max(1e-9, ...merges.map((m) => m.height));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const xOfSlot = (s: number) => PAD.left + ((s + 0.5) / n) * plotW;
  const yOf = (h: number) => PAD.top + plotH - (h / maxHeight) * plotH;
  const pos = new Map<number, { x: number; y: number }>();
  for (let leaf = 0; leaf < n; leaf++) pos.set(leaf, { x: xOfSlot(slot.get(leaf)!), y: yOf(0) });
  const paths = merges.map((m, i) => {
    const a = pos.get(m.a)!;
    const b = pos.get(m.b)!;
    const y = yOf(m.height);
    pos.set(n + i, { x: (a.x + b.x) / 2, y });
    return `M${a.x},${a.y}V${y}H${b.x}V${b.y}`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * maxHeight);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={ariaLabel} data-testid="dendrogram" className="models-dendrogram">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(t)} y2={yOf(t)} stroke="var(--chart-grid)" />
          <text x={PAD.left - 6} y={yOf(t) + 4} textAnchor="end" fontSize={11} fill="var(--chart-axis)">
            {t.toFixed(1)}
          </text>
        </g>
      ))}
      {paths.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="var(--chart-1)" strokeWidth={1.5} />
      ))}
      {order.map((leaf, s) => (
        <text key={leaf} x={xOfSlot(s)} y={HEIGHT - 10} textAnchor="middle" fontSize={9} fill="var(--chart-axis)">
          <title>{t.models.detail.leafTitle(leaf, leafSizes[leaf] ?? 0)}</title>
          {leafSizes[leaf]}
        </text>
      ))}
    </svg>
  );
}
