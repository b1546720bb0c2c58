import type { Database } from "../db";
import { DEMO_TABLES } from "./load";

export async function countCustomers(database: Database): Promise<number> {
  const [row] = await database.query<{ n: number | string }>(`SELECT count(*)::float8 AS n FROM customers`);
  return Number(row?.n ?? 0);
}

/** CASCADE because features, assignments and outcomes reference customers and products. */
export async function resetDemoTables(database: Database): Promise<void> {
  await database.query(`TRUNCATE ${DEMO_TABLES.join(", ")} RESTART IDENTITY CASCADE`);
}
