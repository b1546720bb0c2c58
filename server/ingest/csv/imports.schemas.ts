import { z } from "zod";

export const ZImportKind = z.enum(["customers", "products", "events"]);
export const ZDelimiter = z.enum([",", ";", "\t", "|"]);

export const ZPreviewImport = z.object({
  uploadId: z.uuid(),
  kind: ZImportKind,
  delimiter: ZDelimiter.default(","),
});
export type PreviewImportInput = z.infer<typeof ZPreviewImport>;

export const ZStartImport = z.object({
  uploadId: z.uuid(),
  kind: ZImportKind,
  delimiter: ZDelimiter.default(","),
  mapping: z.record(z.string().max(100), z.string().max(500).nullable()),
  source: z
    .string()
    .trim()
    .min(1, { error: "source must not be empty" })
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, { error: "source may use letters, digits, dot, dash and underscore" })
    .default("csv"),
});
export type StartImportInput = z.infer<typeof ZStartImport>;

export const ZImportId = z.object({ jobId: z.uuid() });

export const ZListImports = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(10),
});
export type ListImportsInput = z.infer<typeof ZListImports>;
