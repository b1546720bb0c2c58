/**
 * `npm run bench -- ingest-api [--engine pglite|postgres|both] [--seconds 60] [--connections 1,4,8] [--batch 1000] [--customers 20000]`
 * Sustained ingest through the API's real handler (key check, parse, validate, one transaction
 * per batch, follow-up jobs queued): C clients each send batches of B events for S seconds. The
 * reference, in the same run on the same database: a COPY of the same rows into `events_ref`, an
 * identically indexed copy of the events table (CREATE TABLE ... LIKE events INCLUDING ALL).
 * Prints rows/s of each, their ratio, whether every accepted event is stored exactly once, and the
 * follow-up work the run left behind (jobs queued, and how long running them took).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrate } from "../server/db/migrate";
import { createApiKey } from "../server/ingest/apiKeys.service";
import { ingestEvents } from "../server/ingest";
import { drainJobs } from "../server/jobs";
import { createStaff } from "../server/staff/staff.service";
import { JOB_DEFINITIONS } from "../server/worker";
import { freshDatabase } from "./support/fresh-database";
import type { Database } from "../server/db/client";

const Flags = z.object({
  engine: z.enum(["pglite", "postgres", "both"]).default("both"),
  seconds: z.coerce.number().min(1).max(3600).default(60),
  connections: z
    .string()
    .default("1,4,8")
    .transform((list) => list.split(",").map((n) => z.coerce.number().int().min(1).max(64).parse(n.trim()))),
  batch: z.coerce.number().int().min(1).max(10_000).default(1_000),
  customers: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
});
type Flags = z.infer<typeof Flags>;

const START = Date.UTC(2026, 0, 1);

function item(source: string, n: number, customers: number) {
  return { event_id: `${source}-${n}`, customer_id: `api-c${n % customers}`, type: n % 7 === 0 ? "session" : "view", occurred_at: new Date(START + n * 997).toISOString(), ...(n % 7 === 0 ? { duration_seconds: 60 + (n % 900) } : {}) };
}

/** The same rows as COPY csv, for the reference. */
function* copyChunks(source: string, from: number, count: number, customers: number, ids: Map<string, number>): Generator<string> {
  let buffer = "";
  for (let n = from; n < from + count; n++) {
    const row = item(source, n, customers);
    buffer += `ref,${row.event_id},${ids.get(row.customer_id)},${row.type},${row.occurred_at},${row.duration_seconds ?? ""}\n`;
    if (buffer.length > 1_000_000) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

async function run(database: Database, key: string, connections: number, flags: Flags, source: string): Promise<{ accepted: number; seconds: number; refused: number }> {
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const until = performance.now() + flags.seconds * 1000;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < until) {
      const first = next;
      next += flags.batch;
      const items = Array.from({ length: flags.batch }, (_, i) => item(source, first + i, flags.customers));
      const response = await ingestEvents(
        database,
        new Request("http://localhost/api/v1/events", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(items) }),
      );
      const body = (await response.json()) as { inserted?: number };
      if (response.status === 200) accepted += body.inserted ?? 0;
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return { accepted, seconds: (performance.now() - started) / 1000, refused };
}

async function benchEngine(engine: "pglite" | "postgres", flags: Flags): Promise<void> {
  const fresh = await freshDatabase(engine, "ingest_api", { max: Math.max(...flags.connections) + 2 });
  try {
    const { database } = fresh;
    await migrate(database);
    await database.copyFrom("customers", ["external_id"], [Array.from({ length: flags.customers }, (_, i) => `api-c${i}\n`).join("")]);
    const staff = await createStaff(database.db, null, { email: "bench@example.com", name: "Bench", role: "admin", password: "bench ingest password 1" }, { mustChangePassword: false });
    await database.query("CREATE TABLE events_ref (LIKE events INCLUDING ALL)");
    await database.query("ANALYZE");
    const customerIds = new Map((await database.query<{ id: string; external_id: string }>("SELECT id::text, external_id FROM customers")).map((row) => [row.external_id, Number(row.id)]));
    for (const connections of flags.connections) {
      const source = `api${connections}`;
      const { key } = await createApiKey(database.db, { id: staff.id, email: staff.email }, { name: source, source });
      const ours = await run(database, key, connections, flags, source);
      const copyStarted = performance.now();
      await database.copyFrom("events_ref", ["source", "external_event_id", "customer_id", "type", "occurred_at", "duration_seconds"], copyChunks(source, 0, ours.accepted, flags.customers, customerIds));
      const copySeconds = (performance.now() - copyStarted) / 1000;
      const [stored] = await database.query<{ total: number; distinct_ids: number }>(
        "SELECT count(*)::int AS total, count(DISTINCT external_event_id)::int AS distinct_ids FROM events WHERE source = $1",
        [source],
      );
      const queued = await database.query<{ kind: string; n: number }>("SELECT kind, count(*)::int AS n FROM jobs WHERE status = 'queued' GROUP BY kind ORDER BY kind");
      // Bring every waiting follow-up forward and run it: what a minute of ingest leaves to do.
      await database.query("UPDATE jobs SET run_at = now() WHERE status = 'queued'");
      const followStarted = performance.now();
      const ran = await drainJobs(database.db, JOB_DEFINITIONS);
      const followSeconds = (performance.now() - followStarted) / 1000;
      const oursRate = ours.accepted / ours.seconds;
      const copyRate = ours.accepted / copySeconds;
      console.log(
        `bench ingest-api engine=${engine} connections=${connections} batch=${flags.batch} seconds=${ours.seconds.toFixed(1)} accepted=${ours.accepted} refused_batches=${ours.refused} rows_per_s=${Math.round(oursRate)} copy_ref_rows_per_s=${Math.round(copyRate)} ratio=${(oursRate / copyRate).toFixed(2)} exactly_once=${stored?.total === ours.accepted && stored.distinct_ids === ours.accepted} followup_jobs=${queued.map((q) => `${q.kind}:${q.n}`).join("+") || "none"} followup_ran=${ran} followup_s=${followSeconds.toFixed(1)}`,
      );
    }
  } finally {
    await fresh.dispose();
  }
}

export default async function ingestApi(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { engine: { type: "string" }, seconds: { type: "string" }, connections: { type: "string" }, batch: { type: "string" }, customers: { type: "string" } } });
  const parsed = Flags.safeParse(values);
  if (!parsed.success) throw new Error(`bench ingest-api: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  for (const engine of flags.engine === "both" ? (["pglite", "postgres"] as const) : [flags.engine]) await benchEngine(engine, flags);
}
