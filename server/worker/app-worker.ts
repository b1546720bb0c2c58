import { getDatabase } from "../db";
import { nightlyTick } from "../models";
import { JOB_DEFINITIONS } from "./registry";
import { startWorker, type WorkerHandle } from "../jobs";

const globalKey = Symbol.for("stratum.worker");
type GlobalWithWorker = typeof globalThis & { [globalKey]?: WorkerHandle };

/** Starts the web server's own worker once per process (the embedded engine allows no other). */
export async function startAppWorker(): Promise<void> {
  const holder = globalThis as GlobalWithWorker;
  if (holder[globalKey]) return;
  const { db, engine } = await getDatabase();
  holder[globalKey] = startWorker(db, JOB_DEFINITIONS, {
    onIdle: async () => void (await nightlyTick(db)),
    reclaimAllAtStart: engine === "pglite",
  });
}
