import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { csvImportJob } from "../../server/ingest/csv/job";
import { errorReportPath, saveUpload, uploadPath } from "../../server/ingest/csv/uploads";
import { drainJobs } from "../../server/jobs/queue";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-imports-"));

describe(`CSV import through the API and the job queue (${engineUnderTest})`, () => {
  let database: Database;
  let admin: ReturnType<typeof createCaller>;
  let marketer: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    process.env.STRATUM_DATA_DIR = dataDir;
    database = await openTestDatabase();
    const root = await createStaff(database.db, null, { email: "importer@example.com", name: "Importer", role: "admin", password: "importer password 1" });
    admin = createCaller({ db: database.db, user: { id: root.id, email: root.email, name: root.name, role: "admin" } });
    const m = await createStaff(database.db, null, { email: "m@example.com", name: "M", role: "marketer", password: "marketer password 1" });
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (content: string, fileName = "people.csv") =>
    saveUpload(Readable.from([Buffer.from(content)]), { fileName, uploadedBy: "importer@example.com" });

  it("previews, imports as a job with progress 1, audits it and lists it", async () => {
    const meta = await upload("ID,Name,Email,Tier\np1,Pat,pat@example.com,2\np2,Quinn,,3\n");
    expect(fs.readFileSync(uploadPath(meta.uploadId), "utf8")).toContain("p2,Quinn");
    const preview = await admin.imports.preview({ uploadId: meta.uploadId, kind: "customers" });
    expect(preview.columns).toEqual(["ID", "Name", "Email", "Tier"]);
    expect(preview.rows).toEqual([
      { line: 2, values: ["p1", "Pat", "pat@example.com", "2"] },
      { line: 3, values: ["p2", "Quinn", "", "3"] },
    ]);
    expect(preview.mapping).toMatchObject({ customer_id: "ID", display_name: "Name", email: "Email", city_tier: "Tier", region: null });

    const { jobId } = await admin.imports.start({ uploadId: meta.uploadId, kind: "customers", mapping: preview.mapping });
    expect((await admin.imports.get({ jobId })).status).toBe("queued");
    expect(await drainJobs(database.db, [csvImportJob])).toBe(1);
    const done = await admin.imports.get({ jobId });
    expect(done).toMatchObject({ status: "succeeded", progress: 1 });
    expect(done.summary).toMatchObject({ outcome: "imported", fileName: "people.csv", dataRows: 2, inserted: 2, errorCount: 0, hasErrorReport: false });
    expect(fs.existsSync(uploadPath(meta.uploadId))).toBe(false);

    const tiers = await database.query<{ external_id: string; city_tier: number }>("SELECT external_id, city_tier FROM customers ORDER BY external_id");
    expect(tiers).toEqual([
      { external_id: "p1", city_tier: 2 },
      { external_id: "p2", city_tier: 3 },
    ]);
    const audit = await database.query<{ action: string; target: string }>("SELECT action, target FROM audit_log WHERE action LIKE 'data.import%' ORDER BY created_at, action");
    expect(audit).toEqual([
      { action: "data.import.start", target: "people.csv" },
      { action: "data.import.done", target: "people.csv" },
    ]);
    const list = await admin.imports.list({});
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id: jobId, kind: "customers", status: "succeeded", createdByEmail: "importer@example.com" });
  });

  it("rejects a bad file as a whole and keeps every error in a CSV report", async () => {
    const meta = await upload('customer_id,display_name,email\nr1,"=HYPERLINK(""x"")",bad\nr2,ok,ok@example.com\n', "bad.csv");
    const preview = await admin.imports.preview({ uploadId: meta.uploadId, kind: "customers" });
    const { jobId } = await admin.imports.start({ uploadId: meta.uploadId, kind: "customers", mapping: preview.mapping });
    await drainJobs(database.db, [csvImportJob]);
    const done = await admin.imports.get({ jobId });
    expect(done.summary).toMatchObject({ outcome: "rejected", inserted: 0, errorCount: 1, hasErrorReport: true });
    expect(done.summary?.errors).toEqual([{ line: 2, field: "email", message: "must be an email address" }]);
    expect(fs.readFileSync(errorReportPath(jobId), "utf8")).toBe("line,field,message\r\n2,email,must be an email address\r\n");
    const [count] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM customers WHERE external_id IN ('r1', 'r2')");
    expect(count?.n).toBe(0);
  });

  it("refuses a mapping without a required field before queueing, and a file over the size cap", async () => {
    const meta = await upload("a,b\n1,2\n");
    await expect(admin.imports.start({ uploadId: meta.uploadId, kind: "events", mapping: {} })).rejects.toThrow(
      "Column mapping: event_id is required: map it to a column; customer_id is required: map it to a column; type is required: map it to a column; occurred_at is required: map it to a column",
    );
    await expect(saveUpload(Readable.from([Buffer.alloc(2048)]), { fileName: "big.csv", uploadedBy: null, maxBytes: 1024 })).rejects.toThrow("upload limit");
    expect(fs.readdirSync(path.join(dataDir, "uploads")).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("refuses every imports procedure to a marketer", async () => {
    const meta = await upload("customer_id\nz\n");
    const attempts = [
      marketer.imports.preview({ uploadId: meta.uploadId, kind: "customers" }),
      marketer.imports.start({ uploadId: meta.uploadId, kind: "customers", mapping: {} }),
      marketer.imports.list({}),
      marketer.imports.get({ jobId: "00000000-0000-4000-8000-000000000000" }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toBeInstanceOf(TRPCError);
      await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
