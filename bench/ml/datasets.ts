/**
 * Real data sets for `bench ml`: read in place from ../shared/data, one-hot encoded into a dense
 * design matrix. Built once here and shared with the scikit-learn side through a temp file.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { type Matrix, zeros } from "../../server/ml/matrix";

export interface Dataset {
  readonly name: string;
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly features: string[];
}

const DATA_DIR = path.resolve(__dirname, "../../../shared/data");

type Row = Record<string, string>;

function readCsv(file: string, delimiter: string): Row[] {
  const text = fs.readFileSync(file, "utf8");
  return parse(text, { columns: true, delimiter, skip_empty_lines: true, trim: true }) as Row[];
}

interface Column {
  readonly name: string;
  readonly values: (row: Row, i: number) => number;
}

/** Numeric columns as is, categoricals one-hot over every level seen (sorted, so the layout is stable). */
function designMatrix(rows: Row[], numeric: Column[], categorical: string[]): { X: Matrix; features: string[] } {
  const oneHot: { column: string; levels: Map<string, number> }[] = categorical.map((column) => {
    const levels = [...new Set(rows.map((r) => r[column] ?? ""))].sort();
    return { column, levels: new Map(levels.map((level, i) => [level, i])) };
  });
  const features = [...numeric.map((c) => c.name), ...oneHot.flatMap((h) => [...h.levels.keys()].map((level) => `${h.column}=${level || "missing"}`))];
  const d = features.length;
  const X = zeros(rows.length, d);
  rows.forEach((row, i) => {
    let j = 0;
    for (const c of numeric) X.data[i * d + j++] = c.values(row, i);
    for (const h of oneHot) {
      X.data[i * d + j + h.levels.get(row[h.column] ?? "")!] = 1;
      j += h.levels.size;
    }
  });
  return { X, features };
}

function num(row: Row, column: string): number {
  const v = Number(row[column]);
  if (!Number.isFinite(v)) throw new Error(`column ${column}: "${row[column]}" is not a number`);
  return v;
}

/** UCI Bank Marketing (bank-full): target y; `duration` is left out (it is only known after the call). */
export function loadBank(): Dataset {
  const rows = readCsv(path.join(DATA_DIR, "bank-marketing/bank-full.csv"), ";");
  const numeric = ["age", "balance", "day", "campaign", "pdays", "previous"].map((name) => ({ name, values: (r: Row) => num(r, name) }));
  const categorical = ["job", "marital", "education", "default", "housing", "loan", "contact", "month", "poutcome"];
  const { X, features } = designMatrix(rows, numeric, categorical);
  const y = Float64Array.from(rows, (r) => (r.y === "yes" ? 1 : 0));
  return { name: "bank", X, y, features };
}

/**
 * OULAD: target final_result == "Withdrawn". Demographics, course and presentation one-hot,
 * studied_credits and num_of_prev_attempts as is, plus date_registration from
 * studentRegistration.csv (median-imputed with a missing flag). date_unregistration is left out:
 * it is the withdrawal itself.
 */
export function loadOulad(): Dataset {
  const info = readCsv(path.join(DATA_DIR, "oulad/studentInfo.csv"), ",");
  const registration = readCsv(path.join(DATA_DIR, "oulad/studentRegistration.csv"), ",");
  const key = (r: Row): string => `${r.code_module}|${r.code_presentation}|${r.id_student}`;
  const registered = new Map<string, number>();
  for (const r of registration) {
    const v = r.date_registration === "" || r.date_registration === undefined ? NaN : Number(r.date_registration);
    if (Number.isFinite(v)) registered.set(key(r), v);
  }
  const known = info.map((r) => registered.get(key(r))).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  const median = known.length > 0 ? known[Math.floor(known.length / 2)]! : 0;
  const numeric: Column[] = [
    { name: "studied_credits", values: (r) => num(r, "studied_credits") },
    { name: "num_of_prev_attempts", values: (r) => num(r, "num_of_prev_attempts") },
    { name: "date_registration", values: (r) => registered.get(key(r)) ?? median },
    { name: "date_registration_missing", values: (r) => (registered.has(key(r)) ? 0 : 1) },
  ];
  const categorical = ["code_module", "code_presentation", "gender", "region", "highest_education", "imd_band", "age_band", "disability"];
  const { X, features } = designMatrix(info, numeric, categorical);
  const y = Float64Array.from(info, (r) => (r.final_result === "Withdrawn" ? 1 : 0));
  return { name: "oulad", X, y, features };
}
