import type { ResultsImportSummary } from "./results-import";

/**
 * What `npm run import -- campaign-results` prints, as text: the refusal with every error by
 * line, or the rows per arm and what else was written. The Data page shows the same text.
 */
export function formatResultsSummary(summary: ResultsImportSummary, options: { campaignName: string; control: string }): string {
  if (summary.outcome === "refused") {
    return [
      `Refused: ${summary.errorCount} error(s) in ${summary.rows} row(s); nothing was imported.`,
      ...summary.errors.map((e) => `  line ${e.line} ${e.field}: ${e.message}`),
    ].join("\n");
  }
  const lines = [`Imported ${summary.rows} result rows into "${options.campaignName}" (control: ${options.control})`];
  for (const [arm, n] of Object.entries(summary.arms)) lines.push(`  ${arm}: ${n}`);
  lines.push(`  customers created (external id only): ${summary.customersCreated}`);
  if (summary.erased > 0) lines.push(`  skipped, customer erased: ${summary.erased}`);
  lines.push(`  read-out: npm run campaign -- results "${options.campaignName}" --json`);
  return lines.join("\n");
}
