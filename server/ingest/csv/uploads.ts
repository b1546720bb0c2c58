import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { env } from "../../env";
import { AppError } from "../../errors";

export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export const ZUploadMeta = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type UploadMeta = z.infer<typeof ZUploadMeta>;

export function uploadsDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ env().STRATUM_DATA_DIR, "uploads");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Ids are validated as UUIDs before they reach these, so no caller can walk out of the folder.
export const uploadPath = (uploadId: string) => path.join(uploadsDir(), `${z.uuid().parse(uploadId)}.csv`);
const metaPath = (uploadId: string) => path.join(uploadsDir(), `${z.uuid().parse(uploadId)}.json`);
export const errorReportPath = (jobId: string) => path.join(uploadsDir(), `${z.uuid().parse(jobId)}.errors.csv`);

function tooLarge(): AppError {
  return new AppError("BAD_REQUEST", `The file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB upload limit; split it or use the CLI (npm run import)`, "file");
}

class SizeCap extends Transform {
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) callback(tooLarge());
    else callback(null, chunk);
  }
}

/** Streams a request body to disk under the uploads folder, refusing anything over the cap. */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | Readable,
  info: { fileName: string; uploadedBy: string | null; declaredBytes?: number | null; maxBytes?: number },
): Promise<UploadMeta> {
  const max = info.maxBytes ?? MAX_UPLOAD_BYTES;
  if (info.declaredBytes && info.declaredBytes > max) throw tooLarge();
  const uploadId = randomUUID();
  const target = uploadPath(uploadId);
  const partial = `${target}.part`;
  const cap = new SizeCap(max);
  const input = body instanceof Readable ? body : Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]);
  try {
    await pipeline(input, cap, fs.createWriteStream(partial));
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.renameSync(partial, target);
  const meta: UploadMeta = {
    uploadId,
    fileName: path.basename(info.fileName || "upload.csv"),
    bytes: cap.bytes,
    uploadedBy: info.uploadedBy,
    uploadedAt: new Date().toISOString(),
  };
  fs.writeFileSync(metaPath(uploadId), JSON.stringify(meta));
  return meta;
}

export function readUploadMeta(uploadId: string): UploadMeta {
  const file = metaPath(uploadId);
  if (!fs.existsSync(file) || !fs.existsSync(uploadPath(uploadId))) {
    throw new AppError("NOT_FOUND", "That upload no longer exists; upload the file again", "uploadId");
  }
  return ZUploadMeta.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

/** The upload is only needed until its import has run. */
export function removeUpload(uploadId: string): void {
  fs.rmSync(uploadPath(uploadId), { force: true });
  fs.rmSync(metaPath(uploadId), { force: true });
}
