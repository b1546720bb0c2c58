import type { Database } from "../db";
import { findSessionStaff } from "./credentials.repo";

type StaffSnapshot = NonNullable<Awaited<ReturnType<typeof findSessionStaff>>>;

const globalKey = Symbol.for("stratum.staffCache");
type GlobalWithCache = typeof globalThis & { [globalKey]?: Map<string, StaffSnapshot> };

function cache(): Map<string, StaffSnapshot> {
  const holder = globalThis as GlobalWithCache;
  holder[globalKey] ??= new Map();
  return holder[globalKey];
}

/**
 * Staff by id for the per-request session check. On the embedded engine this process is the
 * only writer, so an in-memory copy invalidated on every staff write is exact — and it keeps
 * requests (a progress poll, say) answering while a long job holds PGlite's only connection.
 * A server database may have other writers, so there it is always read fresh.
 */
export async function staffForSession(database: Pick<Database, "db" | "engine">, id: string): Promise<StaffSnapshot | undefined> {
  if (database.engine !== "pglite") return findSessionStaff(database.db, id);
  const hit = cache().get(id);
  if (hit) return hit;
  const row = await findSessionStaff(database.db, id);
  if (row) cache().set(id, row);
  return row;
}

/** Called by every write to a staff row, so the next request sees the change. */
export function forgetSessionStaff(id: string): void {
  cache().delete(id);
}
