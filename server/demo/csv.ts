/** CSV field encoding for COPY ... WITH (FORMAT csv): empty unquoted = NULL, "" = empty string. */

const NEEDS_QUOTES = /[",\r\n]/;

/** Text field; null becomes SQL NULL. Quoted only when needed, to keep the hot path cheap. */
export function csvText(value: string | null): string {
  if (value === null) return "";
  if (value === "") return '""';
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

/** JSON text always contains quotes, so it is always quoted. */
export function csvJson(json: string): string {
  return `"${json.replace(/"/g, '""')}"`;
}

/**
 * Accumulates CSV text and cuts it into chunks of roughly `chunkChars`, so PGlite (which
 * assembles each COPY input in memory) and the Postgres stream both see bounded pieces.
 */
export class ChunkBuffer {
  private current = "";
  private readonly ready: string[] = [];
  rows = 0;

  constructor(private readonly chunkChars = 4_000_000) {}

  push(line: string): void {
    this.current += line;
    this.rows++;
    if (this.current.length >= this.chunkChars) {
      this.ready.push(this.current);
      this.current = "";
    }
  }

  /** Completed chunks since the last call. */
  drain(): string[] {
    return this.ready.splice(0, this.ready.length);
  }

  /** Everything left, including a partial chunk. */
  finish(): string[] {
    if (this.current.length > 0) {
      this.ready.push(this.current);
      this.current = "";
    }
    return this.drain();
  }
}
