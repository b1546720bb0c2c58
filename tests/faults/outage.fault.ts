import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../server/ingest/apiKeys.service";
import { startWorker, type WorkerHandle } from "../../server/jobs";
import { createStaff } from "../../server/staff/staff.service";
import { JOB_DEFINITIONS } from "../../server/worker";
import { ensureFaultCluster, faultDatabase, startFaultCluster, stopFaultCluster, type FaultDatabase } from "./support/cluster";

const CUSTOMERS = 1_000;
const BATCH = 500;
const SENDERS = 4;
const OUTAGE_MS = 8_000;

/*
 * PostgreSQL stopped (fast shutdown: every session cut) and started again while four clients
 * stream event batches through the ingestion API's real route (rate limit, key check, write) and a
 * job worker runs in the same process. A client does what the API tells it: on 503 it waits
 * Retry-After and sends the same batch again. Nothing may be lost or stored twice, no answer other
 * than 200 or 503 is allowed, and nothing may escape as an uncaught exception.
 */
describe("PostgreSQL stopped and started under an ingest loop", () => {
  let fault: FaultDatabase;
  let worker: WorkerHandle | undefined;
  let dataDir = "";
  const escaped: unknown[] = [];
  const onEscape = (error: unknown) => escaped.push(error);

  beforeAll(async () => {
    await ensureFaultCluster();
    fault = await faultDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-fault-outage-"));
    // The route opens the app's own database from the environment, as in production.
    Object.assign(process.env, {
      DATABASE_URL: fault.url,
      STRATUM_DATA_DIR: dataDir,
      STRATUM_INGEST_LIMIT_PER_KEY: "1000000",
      STRATUM_INGEST_LIMIT_PER_IP: "1000000",
    });
    await fault.database.copyFrom("customers", ["external_id"], [Array.from({ length: CUSTOMERS }, (_, i) => `out-c${i}\n`).join("")]);
    process.on("uncaughtException", onEscape);
    process.on("unhandledRejection", onEscape);
  });

  afterAll(async () => {
    process.off("uncaughtException", onEscape);
    process.off("unhandledRejection", onEscape);
    await worker?.stop();
    const { getDatabase } = await import("../../server/db");
    await (await getDatabase()).close();
    await fault?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers only 200 or 503 with Retry-After, loses nothing, doubles nothing, throws nothing", async () => {
    const { ingestRoutes } = await import("../../server/api/http");
    const { getDatabase } = await import("../../server/db");
    const app = await getDatabase();
    const staff = await createStaff(app.db, null, { email: "outage@example.com", name: "Outage", role: "admin", password: "outage test password 1" }, { mustChangePassword: false });
    const { key } = await createApiKey(app.db, { id: staff.id, email: staff.email }, { name: "outage", source: "outage" });
    const logs: string[] = [];
    worker = startWorker(app.db, JOB_DEFINITIONS, { pollMs: 200, log: (line) => logs.push(line) });

    const statuses = new Map<number, number>();
    let missingRetryAfter = 0;
    let sent = 0;
    let stopSending = false;
    const sender = async (id: number) => {
      for (let batch = 0; !stopSending; batch++) {
        const items = Array.from({ length: BATCH }, (_, i) => ({
          event_id: `s${id}-b${batch}-${i}`,
          customer_id: `out-c${(batch * BATCH + i) % CUSTOMERS}`,
          type: "view",
          occurred_at: new Date(Date.UTC(2026, 5, 1) + (batch * BATCH + i) * 1000).toISOString(),
        }));
        for (;;) {
          const response = await ingestRoutes.events(
            new Request("http://localhost/api/v1/events", {
              method: "POST",
              headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
              body: JSON.stringify(items),
            }),
          );
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          await response.text();
          if (response.status !== 503) break;
          const wait = Number(response.headers.get("retry-after"));
          if (!Number.isFinite(wait) || wait <= 0) missingRetryAfter++;
          await new Promise((resolve) => setTimeout(resolve, (wait || 5) * 1000));
        }
        sent += BATCH;
      }
    };
    const senders = Array.from({ length: SENDERS }, (_, id) => sender(id));

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const sentBeforeOutage = sent;
    await stopFaultCluster();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await startFaultCluster();
    const sentAtRestart = sent;
    // Long enough for every client's Retry-After to pass and for batches to flow again.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    stopSending = true;
    await Promise.all(senders);

    const [stored] = await app.query<{ total: number; distinct_ids: number }>(
      "SELECT count(*)::int AS total, count(DISTINCT external_event_id)::int AS distinct_ids FROM events WHERE source = 'outage'",
    );
    const answers = Object.fromEntries(statuses);
    console.log(`[faults] outage: ${sent} events sent (${sentBeforeOutage} before the stop, ${sent - sentAtRestart} after the restart), answers ${JSON.stringify(answers)}, ${stored?.total} stored`);
    expect(sentBeforeOutage).toBeGreaterThan(0);
    expect(sent).toBeGreaterThan(sentAtRestart);
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(missingRetryAfter).toBe(0);
    expect(stored).toEqual({ total: sent, distinct_ids: sent });
    expect(escaped).toEqual([]);
    expect(logs.join("\n")).not.toMatch(/Failed query|INSERT INTO|SELECT /);
  });
});
