/** What a real-data importer wrote and skipped, with reasons; printed by the CLI and asserted by tests. */
export interface ImportReport {
  dataset: string;
  source: string;
  /** Rows read per input file (data lines, header excluded). */
  read: Record<string, number>;
  customers: WriteCounts;
  products: WriteCounts;
  events: WriteCounts;
  eventsByType: Record<string, number>;
  /** Extra tables an importer fills (bank marketing: campaign, variants, assignments, outcomes). */
  other: Record<string, number>;
  skipped: { reason: string; count: number }[];
  /** Every item skipped because its customer was erased (a tombstone), by file reference. */
  erased: ErasedRef[];
  notes: string[];
  durationMs: number;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  duplicates: number;
}

/** An importer item (customer, event) not written because the customer was erased. */
export interface ErasedRef {
  kind: "customers" | "products" | "events";
  customer_id: string;
  ref: string;
}

/** The `skipped` entries for erased customers' items, one per kind that had any. */
export function erasedSkips(erased: readonly ErasedRef[]): { reason: string; count: number }[] {
  const byKind = new Map<string, number>();
  for (const item of erased) byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1);
  return [...byKind].map(([kind, count]) => ({ reason: `${kind} of erased customers (tombstones: never collected again)`, count }));
}

export const emptyCounts = (): WriteCounts => ({ inserted: 0, updated: 0, duplicates: 0 });

export function formatReport(report: ImportReport): string {
  const lines = [`${report.dataset}: imported as source "${report.source}" in ${(report.durationMs / 1000).toFixed(1)} s`];
  for (const [file, rows] of Object.entries(report.read)) lines.push(`  read ${file}: ${rows} rows`);
  for (const name of ["customers", "products", "events"] as const) {
    const c = report[name];
    lines.push(`  ${name.padEnd(10)} inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.duplicates}`);
  }
  for (const [type, n] of Object.entries(report.eventsByType)) lines.push(`    events ${type.padEnd(9)} ${n}`);
  for (const [what, n] of Object.entries(report.other)) lines.push(`  ${what.padEnd(10)} ${n}`);
  if (report.skipped.length === 0) lines.push("  skipped: nothing");
  for (const skip of report.skipped) lines.push(`  skipped ${skip.count}: ${skip.reason}`);
  const shown = report.erased.slice(0, 20).map((e) => `${e.ref} (${e.customer_id})`);
  if (shown.length) lines.push(`  erased: ${shown.join(", ")}${report.erased.length > shown.length ? `, … (${report.erased.length} in all)` : ""}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines.join("\n");
}
