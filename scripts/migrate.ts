import { migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";

async function main() {
  const config = parseEnv();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STRATUM_DATA_DIR });
  try {
    await migrate(database);
    console.log(`Migrations applied (${database.engine}).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
