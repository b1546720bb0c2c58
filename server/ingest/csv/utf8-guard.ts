import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";
import { AppError } from "../../errors";

const NEWLINE = 0x0a;

/** Length of the incomplete UTF-8 sequence at the end of `chunk` (0 when it ends on a boundary). */
function incompleteTail(chunk: Buffer): number {
  const start = Math.max(0, chunk.length - 3);
  for (let i = chunk.length - 1; i >= start; i--) {
    const byte = chunk[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    // Only a real lead byte can start a sequence split across chunks; anything else is invalid here.
    const need = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 1;
    if (byte > 0xf4) return 0;
    const have = chunk.length - i;
    return have < need ? have : 0;
  }
  return 0;
}

/** Offset of the first byte that breaks UTF-8 (only called once a chunk is known to be invalid). */
function firstInvalidOffset(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const byte = buffer[i] ?? 0;
    const need = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (need === 0) return i;
    if (need > 1 && !isUtf8(buffer.subarray(i, i + need))) return i;
    i += need;
  }
  return i;
}

function countNewlines(buffer: Buffer, end = buffer.length): number {
  let count = 0;
  let at = buffer.indexOf(NEWLINE);
  while (at !== -1 && at < end) {
    count++;
    at = buffer.indexOf(NEWLINE, at + 1);
  }
  return count;
}

/**
 * Passes bytes through unchanged but fails on the first byte that is not UTF-8, naming its line:
 * the CSV parser would otherwise turn it into U+FFFD and store the damage silently.
 */
export class Utf8Guard extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  private linesBefore = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = incompleteTail(data);
    const body = tail ? data.subarray(0, data.length - tail) : data;
    if (!isUtf8(body)) {
      callback(this.invalidAt(body, firstInvalidOffset(body)));
      return;
    }
    this.linesBefore += countNewlines(body);
    this.carry = tail ? Buffer.from(data.subarray(data.length - tail)) : Buffer.alloc(0);
    callback(null, body);
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry.length) {
      callback(this.invalidAt(this.carry, 0));
      return;
    }
    callback();
  }

  private invalidAt(buffer: Buffer, offset: number): AppError {
    const line = this.linesBefore + countNewlines(buffer, offset) + 1;
    return new AppError("BAD_REQUEST", `Line ${line}: the file is not valid UTF-8 (byte 0x${(buffer[offset] ?? 0).toString(16).padStart(2, "0")}); save it as UTF-8 and upload again`, `line ${line}`);
  }
}
