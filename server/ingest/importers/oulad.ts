import path from "node:path";
import type { Db } from "../../db";
import type { CustomerItemInput } from "../schemas";
import { BatchWriter } from "./batch";
import { OULAD_FILES } from "../../../lib/shared/datasets";
import { type OnImportProgress, ProgressTracker, readRows, requirePath } from "./files";
import { dayOffsetToDate, presentationStart } from "./oulad-dates";
import { erasedSkips, type ImportReport } from "./report";

export const OULAD_SOURCE = "oulad";
export const ouladCustomerId = (idStudent: string) => `oulad-${idStudent}`;
export const ouladProductId = (module: string, presentation: string) => `oulad-${module}-${presentation}`;

const FILES = OULAD_FILES;

interface StudentInfo {
  presentation: string;
  start: number;
  line: number;
  values: Record<string, string>;
}

function numberOrNull(value: string): number | null {
  if (value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** One customer per student: demographics from the latest presentation, every final result kept. */
function studentToCustomer(idStudent: string, infos: readonly StudentInfo[], firstRegistration: Date | null): CustomerItemInput {
  const sorted = [...infos].sort((a, b) => a.start - b.start || a.line - b.line);
  const latest = sorted[sorted.length - 1]!;
  const v = latest.values;
  const finalResults: Record<string, string> = {};
  for (const info of sorted) finalResults[info.presentation] = info.values.final_result ?? "";
  return {
    customer_id: ouladCustomerId(idStudent),
    region: v.region || null,
    age_band: v.age_band || null,
    signup_at: firstRegistration?.toISOString() ?? null,
    attributes: {
      dataset: "oulad",
      id_student: idStudent,
      gender: v.gender ?? null,
      highest_education: v.highest_education ?? null,
      imd_band: v.imd_band || null,
      disability: v.disability ?? null,
      studied_credits: numberOrNull(v.studied_credits ?? ""),
      num_of_prev_attempts: numberOrNull(v.num_of_prev_attempts ?? ""),
      final_result: v.final_result ?? null,
      final_results: finalResults,
      presentations: sorted.map((info) => info.presentation),
    },
  };
}

/**
 * Open University Learning Analytics Dataset → students as customers, module presentations as
 * course products, registrations as enrol, unregistrations as unenrol and assessment submissions
 * as progress events (score in extra). One transaction for the whole data set.
 */
export async function importOulad(db: Db, dir: string, options: { onProgress?: OnImportProgress } = {}): Promise<ImportReport> {
  const started = Date.now();
  const progress = new ProgressTracker(options.onProgress);
  const root = requirePath(dir, "OULAD folder");
  for (const file of FILES) requirePath(path.join(root, file), `OULAD file ${file}`);
  const file = (name: (typeof FILES)[number]) => path.join(root, name);
  const read: Record<string, number> = {};
  const skipped: ImportReport["skipped"] = [];
  const eventsByType: Record<string, number> = { enrol: 0, unenrol: 0, progress: 0 };

  // Small tables first, in memory: 22 presentations, 206 assessments, 32,593 student rows.
  const lengths = new Map<string, number>();
  read["courses.csv"] = 0;
  for await (const row of readRows(file("courses.csv"), { required: ["code_module", "code_presentation", "module_presentation_length"], onBytes: progress.pass(file("courses.csv"), "courses.csv read", 0, 0.01, () => read["courses.csv"] ?? 0) })) {
    read["courses.csv"]++;
    lengths.set(`${row.get("code_module")}|${row.get("code_presentation")}`, Number(row.get("module_presentation_length")));
  }
  const assessments = new Map<string, { module: string; presentation: string; type: string; due: string; weight: string }>();
  read["assessments.csv"] = 0;
  for await (const row of readRows(file("assessments.csv"), {
    required: ["code_module", "code_presentation", "id_assessment", "assessment_type", "date", "weight"],
    onBytes: progress.pass(file("assessments.csv"), "assessments.csv read", 0.01, 0.02, () => read["assessments.csv"] ?? 0),
  })) {
    read["assessments.csv"]++;
    assessments.set(row.get("id_assessment"), {
      module: row.get("code_module"),
      presentation: row.get("code_presentation"),
      type: row.get("assessment_type"),
      due: row.get("date"),
      weight: row.get("weight"),
    });
  }
  const infos = new Map<string, StudentInfo[]>();
  read["studentInfo.csv"] = 0;
  const infoColumns = ["code_module", "code_presentation", "id_student", "gender", "region", "highest_education", "imd_band", "age_band", "num_of_prev_attempts", "studied_credits", "disability", "final_result"];
  for await (const row of readRows(file("studentInfo.csv"), { required: infoColumns, onBytes: progress.pass(file("studentInfo.csv"), "studentInfo.csv read", 0.02, 0.1, () => read["studentInfo.csv"] ?? 0) })) {
    read["studentInfo.csv"]++;
    const presentation = `${row.get("code_module")}-${row.get("code_presentation")}`;
    const values = Object.fromEntries(infoColumns.map((c) => [c, row.get(c)]));
    const list = infos.get(row.get("id_student")) ?? [];
    list.push({ presentation, start: presentationStart(row.get("code_presentation")).getTime(), line: row.line, values });
    infos.set(row.get("id_student"), list);
  }
  const registrations: { line: number; module: string; presentation: string; student: string; registered: Date | null; unregistered: Date | null }[] = [];
  const firstRegistration = new Map<string, Date>();
  read["studentRegistration.csv"] = 0;
  for await (const row of readRows(file("studentRegistration.csv"), {
    required: ["code_module", "code_presentation", "id_student", "date_registration", "date_unregistration"],
    onBytes: progress.pass(file("studentRegistration.csv"), "studentRegistration.csv read", 0.1, 0.15, () => read["studentRegistration.csv"] ?? 0),
  })) {
    read["studentRegistration.csv"]++;
    const presentation = row.get("code_presentation");
    const registered = dayOffsetToDate(presentation, row.get("date_registration"));
    const student = row.get("id_student");
    registrations.push({ line: row.line, module: row.get("code_module"), presentation, student, registered, unregistered: dayOffsetToDate(presentation, row.get("date_unregistration")) });
    const earlier = firstRegistration.get(student);
    if (registered && (!earlier || registered < earlier)) firstRegistration.set(student, registered);
  }

  let skippedNoRegistrationDate = 0;
  let read_studentAssessment = 0;
  const report = await db.transaction(async (tx) => {
    const products = new BatchWriter(tx, "products", OULAD_SOURCE);
    for (const [key, length] of lengths) {
      const [module, presentation] = key.split("|") as [string, string];
      await products.add(
        {
          product_id: ouladProductId(module, presentation),
          kind: "course",
          title_en: `OULAD module ${module} (${presentation})`,
          title_zh: `OULAD 课程 ${module}（${presentation}）`,
          category: module,
          // The data set has no prices: 0 with is_free false marks "unknown", not "free".
          price: 0,
          is_free: false,
          attributes: { dataset: "oulad", code_module: module, code_presentation: presentation, length_days: length, starts_on: presentationStart(presentation).toISOString().slice(0, 10), price_unknown: true },
        },
        `courses.csv ${module}-${presentation}`,
      );
    }
    await products.flush();
    progress.step("course products written", 0.15, 0.16, lengths.size, lengths.size);

    const customers = new BatchWriter(tx, "customers", OULAD_SOURCE);
    for (const [student, list] of infos) await customers.add(studentToCustomer(student, list, firstRegistration.get(student) ?? null), `studentInfo.csv line ${list[0]?.line}`);
    await customers.flush();
    progress.step("students written as customers", 0.16, 0.25, infos.size, infos.size);

    const events = new BatchWriter(tx, "events", OULAD_SOURCE);
    for (const [index, reg] of registrations.entries()) {
      if (index % 5_000 === 0) progress.step("registrations written as enrol/unenrol events", 0.25, 0.5, index, registrations.length);
      const base = `${reg.module}-${reg.presentation}-${reg.student}`;
      const common = { customer_id: ouladCustomerId(reg.student), product_id: ouladProductId(reg.module, reg.presentation) };
      if (reg.registered) {
        await events.add({ ...common, event_id: `reg-${base}`, type: "enrol", occurred_at: reg.registered.toISOString() }, `studentRegistration.csv line ${reg.line}`);
        eventsByType.enrol!++;
      } else skippedNoRegistrationDate++;
      if (reg.unregistered) {
        await events.add({ ...common, event_id: `unreg-${base}`, type: "unenrol", occurred_at: reg.unregistered.toISOString() }, `studentRegistration.csv line ${reg.line}`);
        eventsByType.unenrol!++;
      }
    }
    for await (const row of readRows(file("studentAssessment.csv"), {
      required: ["id_assessment", "id_student", "date_submitted", "is_banked", "score"],
      onBytes: progress.pass(file("studentAssessment.csv"), "studentAssessment.csv written as progress events", 0.5, 1, () => read_studentAssessment),
    })) {
      read_studentAssessment++;
      const assessment = assessments.get(row.get("id_assessment"));
      if (!assessment) throw new Error(`studentAssessment.csv line ${row.line}: unknown id_assessment ${row.get("id_assessment")}`);
      const submitted = dayOffsetToDate(assessment.presentation, row.get("date_submitted"));
      if (!submitted) throw new Error(`studentAssessment.csv line ${row.line}: no date_submitted`);
      await events.add(
        {
          event_id: `asm-${row.get("id_assessment")}-${row.get("id_student")}`,
          customer_id: ouladCustomerId(row.get("id_student")),
          product_id: ouladProductId(assessment.module, assessment.presentation),
          type: "progress",
          occurred_at: submitted.toISOString(),
          extra: {
            id_assessment: Number(row.get("id_assessment")),
            assessment_type: assessment.type,
            weight: numberOrNull(assessment.weight),
            due_day: numberOrNull(assessment.due),
            submitted_day: Number(row.get("date_submitted")),
            score: numberOrNull(row.get("score")),
            is_banked: row.get("is_banked") === "1",
          },
        },
        `studentAssessment.csv line ${row.line}`,
      );
      eventsByType.progress!++;
    }
    await events.flush();
    return { products: products.counts, customers: customers.counts, events: events.counts, erased: [...customers.erased, ...events.erased] };
  });
  read["studentAssessment.csv"] = read_studentAssessment;
  if (skippedNoRegistrationDate) {
    skipped.push({ reason: "registrations without date_registration: no enrol event (the registration itself is kept in the customer's presentations)", count: skippedNoRegistrationDate });
  }
  return {
    dataset: "OULAD",
    source: OULAD_SOURCE,
    read,
    ...report,
    eventsByType,
    other: {},
    skipped: [...skipped, ...erasedSkips(report.erased)],
    notes: ["day offsets are anchored at the presentation start: <year>B = 1 February, <year>J = 1 October (UTC)"],
    durationMs: Date.now() - started,
  };
}
