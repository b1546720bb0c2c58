/**
 * `npm run campaign -- results <name> [--json] [--cuped]`: the campaign's full read-out (per arm and
 * per comparison: n, conversions, rates with intervals, lift, p-values, P(beat control), SRM).
 * Reads the database the app uses (DATABASE_URL, else PGlite in STRATUM_DATA_DIR).
 */
import { campaignReadout, type CampaignReadout, findCampaignByName } from "../server/campaigns";
import { migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";
import { AppError } from "../server/errors";

const USAGE = `Usage:
  npm run campaign -- results <campaign name> [--json] [--cuped]`;

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function formatText(r: CampaignReadout): string {
  const lines = [`${r.campaign.name} (${r.campaign.status}, ${r.campaign.origin}, metric: ${r.metric})`];
  for (const a of r.arms) {
    const rate = a.rate.defined ? `${pct(a.rate.rate)} [${pct(a.rate.wilson.lower)}, ${pct(a.rate.wilson.upper)}]` : a.rate.reason;
    lines.push(`  ${a.isControl ? "*" : " "} ${a.key.padEnd(14)} n=${a.exposures} conversions=${a.conversions} rate=${rate}`);
  }
  const amount = r.metric === "revenue" ? (x: number) => `CN¥${x.toFixed(2)}` : pct;
  for (const c of r.comparisons) {
    const { difference: d, pValue: p, probBeatBaseline: beat } = c.primary;
    lines.push(
      `  ${c.key} vs control (${r.metric}): diff=${d.defined ? `${amount(d.estimate)} [${amount(d.ci.lower)}, ${amount(d.ci.upper)}]` : d.reason}` +
        ` p=${p.defined ? p.value.toPrecision(3) : p.reason} p(Holm)=${c.pValueHolm?.toPrecision(3) ?? "-"} P(beat control)=${beat.defined ? pct(beat.value) : beat.reason}`,
    );
  }
  lines.push(`  SRM: ${r.srm.defined ? `chi2=${r.srm.chi2.toFixed(3)} p=${r.srm.pValue.toPrecision(3)}${r.srm.mismatch ? "  MISMATCH" : ""}` : r.srm.reason}`);
  lines.push(`  verdict: ${JSON.stringify(r.verdict)}`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const [command, name, ...flags] = process.argv.slice(2);
  try {
    if (command !== "results" || !name) throw new AppError("BAD_REQUEST", USAGE);
    const unknown = flags.filter((f) => f !== "--json" && f !== "--cuped");
    if (unknown.length > 0) throw new AppError("BAD_REQUEST", `Unknown option ${unknown[0]}\n${USAGE}`);
    const env = parseEnv();
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATUM_DATA_DIR });
    try {
      await migrate(database);
      const campaign = await findCampaignByName(database.db, name);
      if (!campaign) throw new AppError("NOT_FOUND", `No campaign named "${name}"`, "name");
      const readout = await campaignReadout(database.db, campaign.id, { cuped: flags.includes("--cuped") });
      console.log(flags.includes("--json") ? JSON.stringify(readout, null, 2) : formatText(readout));
    } finally {
      await database.close();
    }
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}

void main();
