import type { Database } from "../db";

/**
 * COPY a stream of CSV chunks. Postgres gets one COPY fed by the generator, so the server
 * inserts while we render the next chunk; PGlite runs in-process, so one COPY per chunk
 * keeps each assembled blob small.
 */
export async function copyChunks(
  database: Database,
  table: string,
  columns: readonly string[],
  chunks: Iterable<string>,
  afterChunk?: () => void,
): Promise<void> {
  if (database.engine === "postgres") {
    function* tapped(): Generator<string> {
      for (const chunk of chunks) {
        yield chunk;
        afterChunk?.();
      }
    }
    await database.copyFrom(table, columns, tapped());
    return;
  }
  for (const chunk of chunks) {
    await database.copyFrom(table, columns, [chunk]);
    afterChunk?.();
  }
}
