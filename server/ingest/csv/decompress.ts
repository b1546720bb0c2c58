import fs from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

const GZIP_MAGIC = [0x1f, 0x8b];

/** True when the file starts with gzip's magic bytes, whatever its name says. */
export function isGzipped(filePath: string): boolean {
  const fd = fs.openSync(filePath, "r");
  try {
    const head = Buffer.alloc(2);
    const read = fs.readSync(fd, head, 0, 2, 0);
    return read === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The file's text bytes: gunzipped on the fly when it is gzip (exports from warehouses and the
 * public data sets often are), as is otherwise. `tap` sees the bytes read from disk, so progress
 * is measured against the file's size on disk either way.
 */
export function openText(filePath: string, tap?: (source: Readable) => Readable): { source: Readable; text: Readable } {
  const source = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  const tapped = tap ? tap(source) : source;
  if (!isGzipped(filePath)) return { source, text: tapped };
  const gunzip = createGunzip();
  tapped.on("error", (error: Error) => gunzip.destroy(error));
  return { source, text: tapped.pipe(gunzip) };
}
