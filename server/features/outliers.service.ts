import type { Db } from "../db";
import { buildOutlierReport, type OutlierReport } from "./outliers";
import { countAboveCaps, featureDistributions } from "./outliers.repo";

/** The Data page's outlier report: how many values of each numeric feature the 95th and 99th percentile caps would clip. */
export async function outlierReport(db: Db): Promise<OutlierReport> {
  const pass = await featureDistributions(db);
  const caps = pass.distributions.flatMap((d) => (d.count > 0 && d.p95 !== null && d.p99 !== null ? [{ feature: d.feature, p95: d.p95, p99: d.p99 }] : []));
  return buildOutlierReport(pass, await countAboveCaps(db, caps));
}
