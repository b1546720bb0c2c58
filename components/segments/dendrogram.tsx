"use client";

/**
 * SVG dendrogram of a Ward tree in SciPy's linkage convention. Leaves are laid out in the order a
 * depth-first walk of the tree visits them, so no lines cross; the dashed line marks the height
 * at which cutting leaves `groups` groups.
 */
export function Dendrogram({ leafCount, merges, groups, ariaLabel }: { leafCount: number; merges: ReadonlyArray<{ a: number; b: number; height: number }>; groups: number; ariaLabel: string }) {
  const width = 640;
  const height = 220;
  const pad = 16;
  if (merges.length === 0) return null;
  const maxHeight = Math.max(...merges.map((m) => m.height), 1e-9);
  const order: number[] = [];
  const walk = (id: number) => {
    if (id < leafCount) order.push(id);
    else {
      const m = merges[id - leafCount] as { a: number; b: number };
      walk(m.a);
      walk(m.b);
    }
  };
  walk(leafCount + merges.length - 1);
  const xOfLeaf = new Map(order.map((leaf, i) => [leaf, pad + ((width - 2 * pad) * (i + 0.5)) / Math.max(1, order.length)]));
  const y = (h: number) => height - pad - ((height - 2 * pad) * h) / maxHeight;
  const pos = new Map<number, { x: number; y: number }>();
  for (const leaf of order) pos.set(leaf, { x: xOfLeaf.get(leaf) as number, y: y(0) });
  const paths: string[] = [];
  merges.forEach((m, i) => {
    const a = pos.get(m.a);
    const b = pos.get(m.b);
    if (!a || !b) return;
    const top = y(m.height);
    paths.push(`M${a.x},${a.y}V${top}H${b.x}V${b.y}`);
    pos.set(leafCount + i, { x: (a.x + b.x) / 2, y: top });
  });
  // The cut sits between the merge that is applied last and the first one left out.
  const applied = leafCount - groups;
  const below = applied > 0 ? (merges[applied - 1]?.height ?? 0) : 0;
  const above = merges[applied]?.height ?? maxHeight;
  const cutY = y((below + above) / 2);
  return (
    <svg className="segments-dendrogram" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={ariaLabel} data-testid="dendrogram">
      {paths.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="var(--chart-1)" strokeWidth={1.2} />
      ))}
      <line x1={pad} x2={width - pad} y1={cutY} y2={cutY} stroke="var(--chart-3)" strokeDasharray="6 4" strokeWidth={1.5} />
    </svg>
  );
}
