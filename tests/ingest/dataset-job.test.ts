import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { importBankMarketing } from "../../server/ingest/importers/bank-marketing";
import type { ImportProgress } from "../../server/ingest/importers/files";
import { importOnlineRetail } from "../../server/ingest/importers/online-retail";
import { importOulad } from "../../server/ingest/importers/oulad";
import { formatReport, type ImportReport } from "../../server/ingest/importers/report";
import { saveUpload, uploadPath } from "../../server/ingest/csv/uploads";
import { enqueueJob } from "../../server/jobs/queue";
import { jobKinds } from "../../server/jobs/kinds";
import { drainJobs } from "../../server/jobs/queue";
import { createStaff } from "../../server/staff/staff.service";
import { datasetImportJob } from "../../server/worker/dataset-import.job";
import { OULAD_FILES } from "../../lib/shared/datasets";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { requireData } from "./importers-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-datasets-"));
const samples = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-dataset-samples-"));

/** The header and the first `lines` data lines of a real data file, written to the samples folder. */
function head(file: string, lines: number, name: string): string {
  const text = fs.readFileSync(file, "utf8").split("\n").slice(0, lines + 1).join("\n");
  const target = path.join(samples, name);
  fs.writeFileSync(target, `${text}\n`);
  return target;
}

/** A consistent OULAD sample: every course and assessment, the first 40 students and only their rows. */
function ouladSample(): string {
  const dir = path.join(samples, "oulad");
  fs.mkdirSync(dir, { recursive: true });
  const read = (name: string) => fs.readFileSync(requireData("oulad", name), "utf8").split(/\r?\n/).filter((l) => l !== "");
  const info = read("studentInfo.csv");
  const students = new Set(info.slice(1, 41).map((line) => line.split(",")[2]));
  const only = (name: string, column: number) => {
    const [header, ...rows] = read(name);
    return [header, ...rows.filter((line) => students.has(line.split(",")[column]))].join("\n") + "\n";
  };
  fs.writeFileSync(path.join(dir, "courses.csv"), read("courses.csv").join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "assessments.csv"), read("assessments.csv").join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "studentInfo.csv"), info.slice(0, 41).join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "studentRegistration.csv"), only("studentRegistration.csv", 2));
  fs.writeFileSync(path.join(dir, "studentAssessment.csv"), only("studentAssessment.csv", 1));
  fs.writeFileSync(path.join(dir, "vle.csv"), "id_site,code_module\n1,AAA\n");
  return dir;
}

const counts = (r: ImportReport) => ({ read: r.read, customers: r.customers, products: r.products, events: r.events, eventsByType: r.eventsByType, other: r.other, skipped: r.skipped });
/** formatReport with the duration (which differs between two runs) blanked out. */
const withoutDuration = (text: string) => text.replace(/ in \d+\.\d s$/m, " in _ s");

describe(`real data sets imported from the Data page, as a job (${engineUnderTest})`, () => {
  let database: Database;
  let direct: Database;
  let admin: ReturnType<typeof createCaller>;
  let marketer: ReturnType<typeof createCaller>;
  let adminId = "";

  beforeAll(async () => {
    process.env.STRATUM_DATA_DIR = dataDir;
    [database, direct] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    const root = await createStaff(database.db, null, { email: "data-admin@example.com", name: "Data Admin", role: "admin", password: "data admin password 1" });
    adminId = root.id;
    admin = createCaller({ db: database.db, user: { id: root.id, email: root.email, name: root.name, role: "admin" } });
    const m = await createStaff(database.db, null, { email: "mk@example.com", name: "Mk", role: "marketer", password: "marketer password 1" });
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
  });
  afterAll(async () => {
    await Promise.all([database.close(), direct.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(samples, { recursive: true, force: true });
  });

  const upload = (file: string, fileName = path.basename(file)) =>
    saveUpload(fs.createReadStream(file), { fileName, uploadedBy: "data-admin@example.com" });

  async function runJob(jobId: string) {
    expect(await drainJobs(database.db, [datasetImportJob])).toBe(1);
    return admin.datasets.get({ jobId });
  }

  it("imports a Bank Marketing sample with the same counts and summary as the importer called directly, audited", async () => {
    const file = head(requireData("bank-marketing", "bank-full.csv"), 199, "bank-full.csv");
    const progress: ImportProgress[] = [];
    const expected = await importBankMarketing(direct.db, file, { onProgress: (p) => progress.push(p) });
    expect(expected.customers.inserted).toBe(199);

    const meta = await upload(file);
    const { jobId } = await admin.datasets.start({ dataset: "bank-marketing", uploadIds: [meta.uploadId] });
    expect((await admin.datasets.get({ jobId })).status).toBe("queued");
    const done = await runJob(jobId);
    expect(done).toMatchObject({ status: "succeeded", progress: 1, error: null });
    expect(done.result).toMatchObject({ dataset: "bank-marketing", outcome: "imported", files: ["bank-full.csv"], ignored: [] });
    expect(counts(done.result!.report as ImportReport)).toEqual(counts(expected));
    expect(withoutDuration(done.result!.text)).toBe(withoutDuration(formatReport(expected)));
    expect(done.result!.text).toContain("read bank-full.csv: 199 rows");
    expect(fs.existsSync(uploadPath(meta.uploadId))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, "uploads")).filter((f) => f.startsWith("dataset-"))).toEqual([]);

    const [customers] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM customers WHERE external_id LIKE 'bank-%'");
    expect(customers?.n).toBe(199);
    const audit = await database.query<{ action: string; target: string; actor_id: string; detail: Record<string, unknown> }>(
      "SELECT action, target, actor_id, detail FROM audit_log WHERE action LIKE 'data.dataset_import%' ORDER BY created_at, action",
    );
    expect(audit.map((a) => [a.action, a.target, a.actor_id])).toEqual([
      ["data.dataset_import.start", "bank-marketing", adminId],
      ["data.dataset_import.done", "bank-marketing", adminId],
    ]);
    expect(audit[1]?.detail).toMatchObject({ jobId, files: ["bank-full.csv"], customers: { inserted: 199 }, other: { assignments: 199, outcomes: 199 } });

    // The importer's progress: phases in words, rows counted, a fraction that only rises to 1.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ phase: "campaign results written", rows: 199, fraction: 1 });
    expect(progress.some((p) => p.phase === "clients read and written")).toBe(true);
  });

  it("imports an Online Retail sample with the same counts as the importer called directly", async () => {
    const file = head(requireData("online-retail", "online_retail_non_uk.csv"), 300, "online_retail_non_uk.csv");
    const expected = await importOnlineRetail(direct.db, file);
    const meta = await upload(file);
    const { jobId } = await admin.datasets.start({ dataset: "online-retail", uploadIds: [meta.uploadId] });
    const done = await runJob(jobId);
    expect(done.status).toBe("succeeded");
    expect(counts(done.result!.report as ImportReport)).toEqual(counts(expected));
    expect(expected.events.inserted).toBeGreaterThan(0);
  });

  it("imports an OULAD sample from several uploads placed under their names; an extra table is left aside", async () => {
    const dir = ouladSample();
    const expected = await importOulad(direct.db, dir);
    const uploads = [];
    for (const name of ["vle.csv", ...OULAD_FILES]) uploads.push(await upload(path.join(dir, name)));
    const { jobId } = await admin.datasets.start({ dataset: "oulad", uploadIds: uploads.map((u) => u.uploadId) });
    const done = await runJob(jobId);
    expect(done.status).toBe("succeeded");
    expect(done.result).toMatchObject({ outcome: "imported", files: [...OULAD_FILES], ignored: ["vle.csv"] });
    expect(counts(done.result!.report as ImportReport)).toEqual(counts(expected));
    expect(expected.customers.inserted).toBe(40);
    expect(done.result!.text).toContain("read studentAssessment.csv:");
  });

  it("refuses an OULAD upload without studentAssessment.csv, naming it, before and inside the job", async () => {
    const dir = ouladSample();
    const uploads = [];
    for (const name of OULAD_FILES.filter((n) => n !== "studentAssessment.csv")) uploads.push(await upload(path.join(dir, name)));
    const uploadIds = uploads.map((u) => u.uploadId);
    await expect(admin.datasets.start({ dataset: "oulad", uploadIds })).rejects.toThrow(
      "OULAD is missing the file studentAssessment.csv; upload all of courses.csv, studentInfo.csv, studentRegistration.csv, assessments.csv, studentAssessment.csv (under these names)",
    );
    // A job queued with the same files (no check before it) fails with the same words, writes nothing and is audited.
    const job = await enqueueJob(database.db, jobKinds.datasetImport, { dataset: "oulad", uploadIds, options: {}, actor: { id: adminId, email: "data-admin@example.com" } });
    const done = await runJob(job.id);
    expect(done.status).toBe("failed");
    expect(done.error).toContain("OULAD is missing the file studentAssessment.csv");
    const [students] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM customers WHERE external_id LIKE 'oulad-%'");
    expect(students?.n).toBe(40); // the earlier test's sample, nothing more
    const [failed] = await database.query<{ target: string; detail: { error: string } }>("SELECT target, detail FROM audit_log WHERE action = 'data.dataset_import.failed'");
    expect(failed?.target).toBe("oulad");
    expect(failed?.detail.error).toContain("studentAssessment.csv");
  });

  it("imports campaign results and shows a refused file's errors by line", async () => {
    const good = path.join(samples, "results.csv");
    fs.writeFileSync(good, "customer_id,variant,exposed_at,converted,revenue,pre_period_value\nr-1,control,2025-03-01T10:00:00Z,0,0,\nr-2,coupon,2025-03-01T10:00:00Z,1,49.90,\nr-3,coupon,2025-03-02T10:00:00Z,0,0,1.5\n");
    const meta = await upload(good);
    const { jobId } = await admin.datasets.start({ dataset: "campaign-results", uploadIds: [meta.uploadId], options: { campaignName: "Spring coupon (external)", control: "control" } });
    const done = await runJob(jobId);
    expect(done.result).toMatchObject({ outcome: "imported", results: { rows: 3, arms: { control: 1, coupon: 2 } } });
    expect(done.result!.text).toContain('Imported 3 result rows into "Spring coupon (external)" (control: control)');

    const bad = path.join(samples, "bad-results.csv");
    fs.writeFileSync(bad, "customer_id,variant,exposed_at,converted,revenue,pre_period_value\nr-1,control,2025-03-01T10:00:00Z,yes,0,\nr-2,coupon,2025-03-01T10:00:00Z,1,49.90,\n");
    const badMeta = await upload(bad);
    const refused = await admin.datasets.start({ dataset: "campaign-results", uploadIds: [badMeta.uploadId], options: { campaignName: "Bad one", control: "control" } });
    const outcome = await runJob(refused.jobId);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.result).toMatchObject({ outcome: "refused" });
    expect(outcome.result!.text).toBe("Refused: 1 error(s) in 2 row(s); nothing was imported.\n  line 2 converted: must be 0 or 1");

    await expect(admin.datasets.start({ dataset: "campaign-results", uploadIds: [badMeta.uploadId] })).rejects.toThrow("campaign-results needs a campaign name");
  });

  it("refuses a single-file data set given two files", async () => {
    const a = await upload(head(requireData("bank-marketing", "bank-full.csv"), 3, "a.csv"));
    const b = await upload(head(requireData("bank-marketing", "bank-full.csv"), 3, "b.csv"));
    await expect(admin.datasets.start({ dataset: "bank-marketing", uploadIds: [a.uploadId, b.uploadId] })).rejects.toThrow("Bank Marketing takes exactly one file (bank-full.csv); 2 were uploaded");
  });

  it("refuses the data set procedures to a marketer", async () => {
    const meta = await saveUpload(Readable.from([Buffer.from("age\n1\n")]), { fileName: "bank-full.csv", uploadedBy: null });
    const attempts = [marketer.datasets.start({ dataset: "bank-marketing", uploadIds: [meta.uploadId] }), marketer.datasets.get({ jobId: "00000000-0000-4000-8000-000000000000" })];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toBeInstanceOf(TRPCError);
      await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const [started] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE kind = 'ingest.dataset-import' AND created_by <> $1", [adminId]);
    expect(started?.n).toBe(0);
  });
});
