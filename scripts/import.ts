/**
 * `npm run import -- customers|products|events <file.csv> [--source name] [--delimiter ";"] [--map field=column ...]`
 * `npm run import -- oulad <dir> | online-retail <file> | bank-marketing <file>`
 * `npm run import -- campaign-results <file.csv> --campaign <name> --control <variant>`
 * Imports into the database the app uses (DATABASE_URL, else PGlite in STRATUM_DATA_DIR).
 */
import { formatResultsSummary, importCampaignResults } from "../server/campaigns";
import { type Db, migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";
import { AppError } from "../server/errors";
import { formatReport, formatSummary, importBankMarketing, importCsvFile, importOnlineRetail, importOulad } from "../server/ingest";

/** Nothing recomputes after a command-line import until this runs (the UI has buttons for it). */
const NEXT_STEP = "Next: npm run pipeline  (features, KPI rollups, models, scores and segments for the new data)";

const USAGE = `Usage:
  npm run import -- customers|products|events <file.csv> [--source name] [--delimiter ","|";"|tab|"|"] [--map field=column ...] [--errors report.csv]
  npm run import -- oulad <dir>                 (e.g. ../shared/data/oulad)
  npm run import -- online-retail <file.csv>    (e.g. ../shared/data/online-retail/online_retail_non_uk.csv)
  npm run import -- bank-marketing <file.csv>   (e.g. ../shared/data/bank-marketing/bank-full.csv)
  npm run import -- campaign-results <file.csv> --campaign <name> --control <variant>
      (header customer_id,variant,exposed_at,converted,revenue,pre_period_value)`;

const CSV_KINDS = ["customers", "products", "events"] as const;
const DATASETS = ["oulad", "online-retail", "bank-marketing", "campaign-results"] as const;

interface Args {
  command: string;
  target: string;
  source?: string;
  delimiter?: string;
  errors?: string;
  campaign?: string;
  control?: string;
  maps: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const [command, target, ...rest] = argv;
  if (!command || !target) throw new AppError("BAD_REQUEST", USAGE);
  const args: Args = { command, target, maps: [] };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (value === undefined) throw new AppError("BAD_REQUEST", `${flag} needs a value\n${USAGE}`);
    i++;
    if (flag === "--source") args.source = value;
    else if (flag === "--delimiter") args.delimiter = value === "tab" ? "\t" : value;
    else if (flag === "--map") args.maps.push(value);
    else if (flag === "--errors") args.errors = value;
    else if (flag === "--campaign") args.campaign = value;
    else if (flag === "--control") args.control = value;
    else throw new AppError("BAD_REQUEST", `Unknown option ${flag}\n${USAGE}`);
  }
  return args;
}

async function run(args: Args): Promise<number> {
  const isCsv = (CSV_KINDS as readonly string[]).includes(args.command);
  if (!isCsv && !(DATASETS as readonly string[]).includes(args.command)) throw new AppError("BAD_REQUEST", `Unknown import "${args.command}"\n${USAGE}`);
  const env = parseEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATUM_DATA_DIR });
  try {
    console.log(`Database: ${database.engine === "pglite" ? `embedded PGlite in ${env.STRATUM_DATA_DIR}/pglite` : "PostgreSQL (DATABASE_URL)"}`);
    await migrate(database);
    if (isCsv) {
      let lastPercent = -10;
      const summary = await importCsvFile(database.db, {
        kind: args.command as (typeof CSV_KINDS)[number],
        filePath: args.target,
        source: args.source,
        delimiter: args.delimiter,
        overrides: args.maps,
        errorReportPath: args.errors,
        onProgress(fraction) {
          const percent = Math.floor(fraction * 10) * 10;
          if (percent >= lastPercent + 10) console.log(`  read ${percent}%`);
          lastPercent = Math.max(lastPercent, percent);
        },
      });
      console.log(formatSummary(summary));
      if (summary.hasErrorReport) console.log(`  all errors: ${args.errors}`);
      if (summary.outcome === "imported") console.log(NEXT_STEP);
      return summary.outcome === "imported" ? 0 : 1;
    }
    if (args.command === "campaign-results") return await importResults(database.db, args);
    const report =
      args.command === "oulad"
        ? await importOulad(database.db, args.target)
        : args.command === "online-retail"
          ? await importOnlineRetail(database.db, args.target)
          : await importBankMarketing(database.db, args.target);
    console.log(formatReport(report));
    console.log(NEXT_STEP);
    return 0;
  } finally {
    await database.close();
  }
}

async function importResults(db: Db, args: Args): Promise<number> {
  if (!args.campaign) throw new AppError("BAD_REQUEST", `campaign-results needs --campaign <name>\n${USAGE}`, "campaign");
  if (!args.control) throw new AppError("BAD_REQUEST", `campaign-results needs --control <variant>\n${USAGE}`, "control");
  const summary = await importCampaignResults(db, { filePath: args.target, campaignName: args.campaign, control: args.control });
  console.log(formatResultsSummary(summary, { campaignName: args.campaign, control: args.control }));
  return summary.outcome === "refused" ? 1 : 0;
}

async function main(): Promise<void> {
  try {
    process.exitCode = await run(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof AppError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}

void main();
