import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { importCsvFile } from "../../server/ingest/csv/import";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-csv-resume-"));
const LINES = 6_000;

async function count(database: Database, sql: string): Promise<number> {
  const rows = await database.query<{ n: number }>(sql);
  return Number(rows[0]?.n ?? -1);
}

describe(`a CSV import that dies while publishing (${engineUnderTest})`, () => {
  let database: Database;
  let events: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await truncateAll(database);
    const customers = path.join(dir, "customers.csv");
    fs.writeFileSync(customers, `customer_id\n${Array.from({ length: 50 }, (_, i) => `r${i}`).join("\n")}\n`);
    expect((await importCsvFile(database.db, { kind: "customers", filePath: customers })).outcome).toBe("imported");
    events = path.join(dir, "events.csv");
    const lines = Array.from({ length: LINES }, (_, i) => `e${i},r${i % 50},view,2026-03-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z,padding-to-make-the-file-span-several-reads-${i}`);
    fs.writeFileSync(events, `event_id,customer_id,type,occurred_at,note\n${lines.join("\n")}\n`);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("resumes from its checkpoint when run again: every row lands exactly once and the counts are those of one clean run", async () => {
    const crash = new Error("process died");
    await expect(
      importCsvFile(database.db, {
        kind: "events",
        filePath: events,
        source: "resume",
        importKey: "resume-test",
        chunkRows: 500,
        onProgress: (fraction) => {
          if (fraction > 0.8) throw crash;
        },
      }),
    ).rejects.toThrow("process died");
    const landedBefore = await count(database, "SELECT count(*)::int AS n FROM events WHERE source = 'resume'");
    expect(landedBefore).toBeGreaterThan(0);
    expect(landedBefore).toBeLessThan(LINES);
    const checkpoint = await database.query<{ rows_published: number }>("SELECT rows_published FROM import_checkpoints WHERE import_key = 'resume-test'");
    expect(checkpoint[0]?.rows_published).toBe(landedBefore);

    const resumed = await importCsvFile(database.db, { kind: "events", filePath: events, source: "resume", importKey: "resume-test", chunkRows: 700 });
    expect(resumed.outcome).toBe("imported");
    expect(resumed).toMatchObject({ dataRows: LINES, inserted: LINES, duplicates: 0, errorCount: 0 });
    expect(await count(database, "SELECT count(*)::int AS n FROM events WHERE source = 'resume'")).toBe(LINES);
    expect(await count(database, "SELECT count(*)::int AS n FROM import_checkpoints")).toBe(0);
  });

  it("writes nothing at all when any line is bad: the check pass ends the import before the first chunk is published", async () => {
    const bad = path.join(dir, "bad.csv");
    const lines = Array.from({ length: 3_000 }, (_, i) => `b${i},${i === 2_500 ? "nobody" : `r${i % 50}`},view,2026-03-02T10:00:00Z`);
    fs.writeFileSync(bad, `event_id,customer_id,type,occurred_at\n${lines.join("\n")}\n`);
    const summary = await importCsvFile(database.db, { kind: "events", filePath: bad, source: "bad", chunkRows: 400 });
    expect(summary.outcome).toBe("rejected");
    expect(summary.errors).toEqual([{ line: 2_502, field: "customer_id", message: 'unknown customer_id "nobody": send the customer first' }]);
    expect(await count(database, "SELECT count(*)::int AS n FROM events WHERE source = 'bad'")).toBe(0);
  });
});
