import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { importCsvFile } from "../../server/ingest/csv/import";
import { toSafeCsv, toSafeCsvCell } from "../../server/ingest/csv/neutralise";
import { Utf8Guard } from "../../server/ingest/csv/utf8-guard";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-csv-"));
let counter = 0;
function file(content: string | Buffer): string {
  const target = path.join(dir, `f${counter++}.csv`);
  fs.writeFileSync(target, content);
  return target;
}

async function count(database: Database, table: string): Promise<number> {
  const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

const CUSTOMERS = [
  "\uFEFFCustomer ID,Name,Email,Region,Consent,Notes",
  "c1,Alice,alice@example.com,Shanghai,yes,plain",
  '"c2","Bob, Jr.",bob@example.com,Beijing,no,"two',
  'lines"',
  'c3,"=HYPERLINK(""http://evil"")",,+86 Guangdong,1,@cmd',
  "",
  "c4,-2+3,,\tTab,0,\rcr",
].join("\n");

describe(`CSV import (${engineUnderTest})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await truncateAll(database);
  });

  it("reads a gzip file as the CSV inside it (by its bytes, whatever its name), and names the line of a bad row in it", async () => {
    const gz = path.join(dir, `f${counter++}.csv.gz`);
    fs.writeFileSync(gz, gzipSync(Buffer.from(CUSTOMERS, "utf8")));
    const summary = await importCsvFile(database.db, { kind: "customers", filePath: gz, fileName: "customers.csv.gz" });
    expect(summary).toMatchObject({ outcome: "imported", dataRows: 4, inserted: 4, errorCount: 0, fileError: null });
    expect(await count(database, "customers")).toBe(4);

    const broken = path.join(dir, `f${counter++}.csv.gz`);
    fs.writeFileSync(broken, gzipSync(Buffer.from('Customer ID,Name\nc9,"unclosed\n', "utf8")));
    const refused = await importCsvFile(database.db, { kind: "customers", filePath: broken });
    expect(refused.outcome).toBe("rejected");
    expect(refused.fileError ?? "").toMatch(/[Ll]ine 2/);
  });

  it("imports customers with a BOM, guessed mapping and quoted newlines, storing formula-like text as given", async () => {
    const summary = await importCsvFile(database.db, { kind: "customers", filePath: file(CUSTOMERS) });
    expect(summary).toMatchObject({ outcome: "imported", dataRows: 4, inserted: 4, updated: 0, duplicates: 0, errorCount: 0, fileError: null });
    expect(summary.skipped).toEqual([{ reason: "blank lines", count: 1 }]);
    const rows = await database.query<{ external_id: string; display_name: string; email: string | null; region: string; marketing_consent: boolean }>(
      "SELECT external_id, display_name, email, region, marketing_consent FROM customers ORDER BY external_id",
    );
    expect(rows).toEqual([
      { external_id: "c1", display_name: "Alice", email: "alice@example.com", region: "Shanghai", marketing_consent: true },
      { external_id: "c2", display_name: "Bob, Jr.", email: "bob@example.com", region: "Beijing", marketing_consent: false },
      { external_id: "c3", display_name: '=HYPERLINK("http://evil")', email: null, region: "+86 Guangdong", marketing_consent: true },
      { external_id: "c4", display_name: "-2+3", email: null, region: "Tab", marketing_consent: false },
    ]);
    // Re-importing the same file changes nothing.
    const again = await importCsvFile(database.db, { kind: "customers", filePath: file(CUSTOMERS) });
    expect(again).toMatchObject({ outcome: "imported", inserted: 0, updated: 0, duplicates: 4 });
  });

  it("rejects a file with bad rows, reports each by physical line, and writes nothing even from earlier chunks", async () => {
    const content = [
      "customer_id,email,city_tier",
      ...Array.from({ length: 9 }, (_, i) => `ok${i},ok${i}@example.com,1`),
      'bad1,"not an',
      'email",2', // lines 11-12: one record over two lines
      "bad2,x@example.com,seven", // line 13
      "bad3,,9", // line 14
    ].join("\n");
    const report = path.join(dir, "errors.csv");
    const summary = await importCsvFile(database.db, { kind: "customers", filePath: file(content), chunkRows: 4, errorReportPath: report });
    expect(summary.outcome).toBe("rejected");
    expect(summary.inserted).toBe(0);
    expect(summary.errors).toEqual([
      { line: 11, field: "email", message: "must be an email address" },
      { line: 13, field: "city_tier", message: '"seven" is not a whole number' },
      { line: 14, field: "city_tier", message: "must be from 1 to 4" },
    ]);
    expect(summary.errorCount).toBe(3);
    expect(summary.hasErrorReport).toBe(true);
    expect(fs.readFileSync(report, "utf8")).toBe(
      'line,field,message\r\n11,email,must be an email address\r\n13,city_tier,"""seven"" is not a whole number"\r\n14,city_tier,must be from 1 to 4\r\n',
    );
    expect(await count(database, "customers")).toBe(0);
  });

  it("reports unknown customers of events by line and rolls back the whole file", async () => {
    await importCsvFile(database.db, { kind: "customers", filePath: file("customer_id\nu1\n") });
    const content = [
      "event_id,user_id,event_type,timestamp,amount",
      "e1,u1,purchase,2025-03-01T08:30:00+08:00,49.90",
      "e2,u9,purchase,2025-03-01T09:30:00Z,10",
      "e3,u1,teleport,2025-03-01T10:30:00Z,",
      "e4,u1,view,2025-03-01 10:30:00,",
    ].join("\n");
    const summary = await importCsvFile(database.db, { kind: "events", filePath: file(content), source: "shop" });
    expect(summary.outcome).toBe("rejected");
    expect(summary.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "customer_id"],
      [4, "type"],
      [5, "occurred_at"],
    ]);
    expect(summary.errors[0]?.message).toContain('unknown customer_id "u9"');
    expect(await count(database, "events")).toBe(0);

    const good = await importCsvFile(database.db, { kind: "events", filePath: file(content.split("\n").slice(0, 2).join("\n")), source: "shop" });
    expect(good).toMatchObject({ outcome: "imported", inserted: 1 });
    const stored = await database.query<{ amount_cents: string; occurred_at: Date; source: string }>("SELECT amount_cents, occurred_at, source FROM events");
    expect(Number(stored[0]?.amount_cents)).toBe(4990);
    expect(new Date(stored[0]!.occurred_at).toISOString()).toBe("2025-03-01T00:30:00.000Z");
    expect(stored[0]?.source).toBe("shop");
  });

  it("applies --map overrides and refuses a mapping that names a missing column or leaves a required field out", async () => {
    const target = file("who,mail\nz1,z@example.com\n");
    const mapped = await importCsvFile(database.db, { kind: "customers", filePath: target, overrides: ["customer_id=who", "email=mail"] });
    expect(mapped).toMatchObject({ outcome: "imported", inserted: 1 });
    const missing = await importCsvFile(database.db, { kind: "customers", filePath: target });
    expect(missing.fileError).toBe("Column mapping: customer_id is required: map it to a column");
    const wrong = await importCsvFile(database.db, { kind: "customers", filePath: target, overrides: ["customer_id=nope"] });
    expect(wrong.fileError).toBe('Column mapping: customer_id is mapped to column "nope", which the header does not have');
  });

  it("names the line of invalid UTF-8, even past multi-byte characters split across read chunks", async () => {
    // 12,000 lines of Chinese text (about 1.2 MB) cross the 1 MB read chunk at an arbitrary byte;
    // reaching the last line proves no character split by the chunking was taken for bad bytes.
    const body = Array.from({ length: 12_000 }, (_, i) => `x${i},课程${"学".repeat(i % 61)}`).join("\n");
    expect(Buffer.byteLength(body)).toBeGreaterThan(1 << 20);
    const bad = Buffer.concat([Buffer.from(`customer_id,display_name\n${body}\ny1,ok\ny2,caf`), Buffer.from([0xe9]), Buffer.from("\n")]);
    const summary = await importCsvFile(database.db, { kind: "customers", filePath: file(bad) });
    expect(summary.outcome).toBe("rejected");
    expect(summary.fileError).toBe("Line 12003: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8 and upload again");
    expect(await count(database, "customers")).toBe(0);
    const good = await importCsvFile(database.db, { kind: "customers", filePath: file("customer_id,display_name\nx1,课程学习\n") });
    expect(good).toMatchObject({ outcome: "imported", inserted: 1 });
    const names = await database.query<{ display_name: string }>("SELECT display_name FROM customers WHERE external_id = 'x1'");
    expect(names[0]?.display_name).toBe("课程学习");
  });

  it("the UTF-8 guard joins a character split between two chunks and names the line of a bad byte", async () => {
    const run = async (chunks: Buffer[]) => {
      const guard = new Utf8Guard();
      const out: Buffer[] = [];
      guard.on("data", (chunk: Buffer) => out.push(chunk));
      const done = new Promise<string>((resolve) => {
        guard.on("end", () => resolve(Buffer.concat(out).toString("utf8")));
        guard.on("error", (error) => resolve(`ERR ${error.message}`));
      });
      for (const chunk of chunks) guard.write(chunk);
      guard.end();
      return done;
    };
    const ke = Buffer.from("课"); // 3 bytes
    expect(await run([Buffer.from("a\nb"), ke.subarray(0, 1), ke.subarray(1, 2), Buffer.concat([ke.subarray(2), Buffer.from("\n")])])).toBe("a\nb课\n");
    expect(await run([Buffer.from("a\nb\nc"), ke.subarray(0, 2)])).toBe("ERR Line 3: the file is not valid UTF-8 (byte 0xe8); save it as UTF-8 and upload again");
    expect(await run([Buffer.from("a\n"), Buffer.from([0xc0, 0x80])])).toContain("ERR Line 2: the file is not valid UTF-8 (byte 0xc0)");
  });

  it("explains a wrong delimiter, unbalanced quotes, an empty file and a header-only file", async () => {
    const semicolons = await importCsvFile(database.db, { kind: "customers", filePath: file("customer_id;email\na;a@example.com\n") });
    expect(semicolons.fileError).toBe(
      'Line 1: the header has only one column with the comma delimiter, but it contains semicolons; choose the semicolon (";") delimiter',
    );
    const withDelimiter = await importCsvFile(database.db, { kind: "customers", filePath: file("customer_id;email\na;a@example.com\n"), delimiter: ";" });
    expect(withDelimiter).toMatchObject({ outcome: "imported", inserted: 1 });

    const quotes = await importCsvFile(database.db, { kind: "customers", filePath: file('customer_id,display_name\nq1,ok\nq2,"never closed\nq3,x\n') });
    expect(quotes.fileError).toBe("Line 3: a quoted field opened here is never closed (unbalanced quotes)");
    const inner = await importCsvFile(database.db, { kind: "customers", filePath: file('customer_id,display_name\nq9,say "hi" now\n') });
    expect(inner).toMatchObject({ outcome: "imported", inserted: 1 });
    // A quoted field followed by text is read as spreadsheets read it, quotes kept.
    const stray = await importCsvFile(database.db, { kind: "customers", filePath: file('customer_id,display_name\nq8,"a"b\n') });
    expect(stray).toMatchObject({ outcome: "imported", inserted: 1 });
    const strayName = await database.query<{ display_name: string }>("SELECT display_name FROM customers WHERE external_id = 'q8'");
    expect(strayName[0]?.display_name).toBe('"a"b');

    const empty = await importCsvFile(database.db, { kind: "customers", filePath: file("") });
    expect(empty.fileError).toBe("The file is empty: expected a header line naming the columns");
    const headerOnly = await importCsvFile(database.db, { kind: "customers", filePath: file("customer_id,email\n") });
    expect(headerOnly.fileError).toBe("Line 1: the file has a header but no data rows");
    expect(await count(database, "customers")).toBe(3);
  });

  it("reports rows whose field count differs from the header", async () => {
    const summary = await importCsvFile(database.db, { kind: "customers", filePath: file("customer_id,email\nw1\nw2,a@example.com,extra\n") });
    expect(summary.errors).toEqual([
      { line: 2, field: "(row)", message: "has 1 fields but the header has 2" },
      { line: 3, field: "(row)", message: "has 3 fields but the header has 2" },
    ]);
  });
});

describe("CSV export neutralisation", () => {
  it("prefixes every formula-like cell with an apostrophe and leaves the rest alone", () => {
    expect(toSafeCsvCell('=HYPERLINK("http://evil","x")')).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(toSafeCsvCell("+1")).toBe("'+1");
    expect(toSafeCsvCell("-1")).toBe("'-1");
    expect(toSafeCsvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(toSafeCsvCell("\t=1")).toBe("'\t=1");
    expect(toSafeCsvCell("\r=1")).toBe("'\r=1");
    expect(toSafeCsvCell("plain = text")).toBe("plain = text");
    expect(toSafeCsvCell(-12.5)).toBe("-12.5");
    expect(toSafeCsvCell(null)).toBe("");
    expect(toSafeCsv(["a", "b"], [["=1+1", 'say "hi"']])).toBe(`a,b\r\n'=1+1,"say ""hi"""\r\n`);
  });
});
