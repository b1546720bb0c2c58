/**
 * `npm run import -- customers|products|events <file.csv> [--source name] [--delimiter ";"] [--map field=column ...]`
 * `npm run import -- oulad <dir> | online-retail <file> | bank-marketing <file>`
 * Imports into the database the app uses (DATABASE_URL, else PGlite in STRATUM_DATA_DIR).
 */
import { openDatabase } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { parseEnv } from "../server/env";
import { AppError } from "../server/errors";
import { importCsvFile } from "../server/ingest/csv/import";
import { formatSummary } from "../server/ingest/csv/summary";
import { importBankMarketing } from "../server/ingest/importers/bank-marketing";
import { importOnlineRetail } from "../server/ingest/importers/online-retail";
import { importOulad } from "../server/ingest/importers/oulad";
import { formatReport } from "../server/ingest/importers/report";

const USAGE = `Usage:
  npm run import -- customers|products|events <file.csv> [--source name] [--delimiter ","|";"|tab|"|"] [--map field=column ...] [--errors report.csv]
  npm run import -- oulad <dir>                 (e.g. ../shared/data/oulad)
  npm run import -- online-retail <file.csv>    (e.g. ../shared/data/online-retail/online_retail_non_uk.csv)
  npm run import -- bank-marketing <file.csv>   (e.g. ../shared/data/bank-marketing/bank-full.csv)`;

const CSV_KINDS = ["customers", "products", "events"] as const;
const DATASETS = ["oulad", "online-retail", "bank-marketing"] as const;

interface Args {
  command: string;
  target: string;
  source?: string;
  delimiter?: string;
  errors?: string;
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
      return summary.outcome === "imported" ? 0 : 1;
    }
    const report =
      args.command === "oulad"
        ? await importOulad(database.db, args.target)
        : args.command === "online-retail"
          ? await importOnlineRetail(database.db, args.target)
          : await importBankMarketing(database.db, args.target);
    console.log(formatReport(report));
    return 0;
  } finally {
    await database.close();
  }
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
