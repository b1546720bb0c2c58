import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type Outputs = inferRouterOutputs<AppRouter>["imports"];

export type ImportKind = "customers" | "products" | "events";
export type Delimiter = "," | ";" | "\t" | "|";
export type ImportPreview = Outputs["preview"];
export type ImportStatus = Outputs["get"];
export type ImportSummary = NonNullable<ImportStatus["summary"]>;
export type RecentImport = Outputs["list"]["rows"][number];

export interface UploadedFile {
  uploadId: string;
  fileName: string;
  bytes: number;
  kind: ImportKind;
  delimiter: Delimiter;
}

export const IMPORT_KINDS: readonly ImportKind[] = ["customers", "products", "events"];
export const DELIMITERS: ReadonlyArray<{ value: Delimiter; key: "comma" | "semicolon" | "tab" | "pipe" }> = [
  { value: ",", key: "comma" },
  { value: ";", key: "semicolon" },
  { value: "\t", key: "tab" },
  { value: "|", key: "pipe" },
];
/** Mirrors MAX_UPLOAD_BYTES on the server (which enforces it). */
export const MAX_UPLOAD_MB = 256;
