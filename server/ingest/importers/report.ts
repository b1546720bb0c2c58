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
  notes: string[];
  durationMs: number;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  duplicates: number;
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
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines.join("\n");
}
