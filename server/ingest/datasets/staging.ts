import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DATASET_FILES, type Dataset } from "../../../lib/shared/datasets";
import { AppError } from "../../errors";
import { type UploadMeta, uploadPath, uploadsDir } from "../csv/uploads";

export const DATASET_LABELS: Record<Dataset, string> = {
  oulad: "OULAD",
  "online-retail": "Online Retail",
  "bank-marketing": "Bank Marketing",
  "campaign-results": "Campaign results",
};

/** What the importer will read from a set of uploaded file names, and what it leaves aside. */
export interface DatasetFileCheck {
  /** The names the importer reads (OULAD: its tables; otherwise the one file). */
  used: string[];
  /** Uploaded files the importer does not read (OULAD's VLE tables, say). */
  ignored: string[];
}

/**
 * Checks the uploaded names against what the data set needs, with the file named in every
 * refusal: OULAD needs each of its tables under its published name; the others take one file.
 */
export function checkDatasetFiles(dataset: Dataset, fileNames: readonly string[]): DatasetFileCheck {
  const label = DATASET_LABELS[dataset];
  for (const name of fileNames) {
    if (name.startsWith(".") || name !== path.basename(name)) throw new AppError("BAD_REQUEST", `${label}: the file name "${name}" cannot be used; rename the file`, "files");
  }
  const seen = new Set<string>();
  for (const name of fileNames) {
    if (seen.has(name)) throw new AppError("BAD_REQUEST", `${label}: ${name} was uploaded twice; upload each file once`, "files");
    seen.add(name);
  }
  const spec = DATASET_FILES[dataset];
  if ("single" in spec) {
    if (fileNames.length !== 1) throw new AppError("BAD_REQUEST", `${label} takes exactly one file (${spec.single}); ${fileNames.length} were uploaded`, "files");
    return { used: [...fileNames], ignored: [] };
  }
  const missing = spec.named.filter((name) => !seen.has(name));
  if (missing.length) {
    throw new AppError(
      "BAD_REQUEST",
      `${label} is missing ${missing.length === 1 ? "the file" : "the files"} ${missing.join(", ")}; upload all of ${spec.named.join(", ")} (under these names)`,
      "files",
    );
  }
  return { used: [...spec.named], ignored: fileNames.filter((name) => !spec.named.includes(name)) };
}

/** One folder per import job under the uploads folder; ids are UUIDs, so it stays inside. */
export const datasetStagingDir = (jobId: string) => path.join(uploadsDir(), `dataset-${z.uuid().parse(jobId)}`);

/**
 * Places the uploads in one folder under their upload names (hard links, so nothing is copied),
 * as the importer expects them: OULAD reads the folder, the others the one file. Returns the
 * path to hand the importer and the file check.
 */
export function stageDatasetFiles(dataset: Dataset, uploads: readonly UploadMeta[], dir: string): DatasetFileCheck & { target: string } {
  const check = checkDatasetFiles(dataset, uploads.map((u) => u.fileName));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const upload of uploads) {
    const from = uploadPath(upload.uploadId);
    const to = path.join(dir, upload.fileName);
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
  const target = "single" in DATASET_FILES[dataset] ? path.join(dir, check.used[0] ?? "") : dir;
  return { ...check, target };
}

export function removeStaging(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
