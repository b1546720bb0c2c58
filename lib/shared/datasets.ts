import { z } from "zod";

/**
 * The real data sets an admin can import from the Data page (and the CLI, `npm run import`), and
 * the files each one reads. Shared by the upload form (to say what to upload) and the server
 * (to check what was uploaded).
 */
export const DATASETS = ["oulad", "online-retail", "bank-marketing", "campaign-results"] as const;
export type Dataset = (typeof DATASETS)[number];

/** The OULAD tables the importer reads, under the names the Open University publishes them. */
export const OULAD_FILES = ["courses.csv", "studentInfo.csv", "studentRegistration.csv", "assessments.csv", "studentAssessment.csv"] as const;

/**
 * What each data set needs: `named` files must be uploaded under exactly those names (OULAD is a
 * folder of tables); otherwise one file under any name.
 */
export const DATASET_FILES: Record<Dataset, { named: readonly string[] } | { single: string }> = {
  oulad: { named: OULAD_FILES },
  "online-retail": { single: "online_retail_non_uk.csv" },
  "bank-marketing": { single: "bank-full.csv" },
  "campaign-results": { single: "results.csv" },
};

/** At most this many files per data set import (OULAD publishes seven tables). */
export const MAX_DATASET_FILES = 10;

const name = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

export const ZDatasetOptions = z
  .object({
    /** campaign-results: the imported campaign's name. */
    campaignName: name("campaign name", 200).optional(),
    /** campaign-results: the variant in the file that is the control arm. */
    control: name("control variant", 80).optional(),
  })
  .strict();
export type DatasetOptions = z.infer<typeof ZDatasetOptions>;

export const ZStartDatasetImport = z
  .object({
    dataset: z.enum(DATASETS),
    uploadIds: z
      .array(z.uuid())
      .min(1, { error: "upload at least one file" })
      .max(MAX_DATASET_FILES, { error: `upload at most ${MAX_DATASET_FILES} files` }),
    options: ZDatasetOptions.default({}),
  })
  .superRefine((input, ctx) => {
    if (input.dataset !== "campaign-results") return;
    if (!input.options.campaignName) ctx.addIssue({ code: "custom", path: ["options", "campaignName"], message: "campaign-results needs a campaign name" });
    if (!input.options.control) ctx.addIssue({ code: "custom", path: ["options", "control"], message: "campaign-results needs the control variant" });
  });
export type StartDatasetImportInput = z.infer<typeof ZStartDatasetImport>;

export const ZDatasetImportId = z.object({ jobId: z.uuid() });
