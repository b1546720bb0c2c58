import type { Database } from "../db";
import { EVENT_TYPES } from "../db";
import { EVENT_COLUMNS } from "./events-csv";
import { copyChunks } from "./copy.repo";
import { customerChunks, eventChunks, newEventSink, planDemo, productChunks, truthChunks, type IdBases } from "./generate";
import { insertDemoRun, maxId, saveDemoRunTruth, syncIdentity } from "./load.repo";
import type { DemoOptions } from "./options";
import { CUSTOMER_COLUMNS, PRODUCT_COLUMNS, TRUTH_COLUMNS } from "./rows-csv";
import { runTruth, TruthTally } from "./truth";

export interface DemoProgress {
  phase: string;
  done: number;
  total: number;
}

export interface DemoSummary {
  demoRunId: number;
  seed: number;
  customers: number;
  days: number;
  startAt: Date;
  endAt: Date;
  churnCutoffAt: Date;
  rows: { products: number; customers: number; events: number; demo_runs: number; demo_customer_truth: number };
  eventsByType: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
}

/** Demo tables, emptied by `npm run demo -- --reset`. */
export const DEMO_TABLES = ["events", "demo_customer_truth", "demo_runs", "customers", "products"] as const;

/**
 * Generates the demo data set and writes it with COPY. Ids continue after existing rows, so it
 * also works on a database that already holds other products; callers decide whether a
 * non-empty database is acceptable (the CLI refuses without --reset).
 */
export async function loadDemo(database: Database, options: DemoOptions, onProgress?: (p: DemoProgress) => void): Promise<DemoSummary> {
  const started = performance.now();
  const plan = planDemo(options);
  const { calendar } = plan;
  const total = plan.options.customers;
  const bases: IdBases = { customer: await maxId(database, "customers"), product: await maxId(database, "products") };
  const report = (phase: string, done: number, of: number) => onProgress?.({ phase, done, total: of });

  const products = plan.catalogue.products.length;
  report("products", 0, products);
  await copyChunks(database, "products", PRODUCT_COLUMNS, productChunks(plan, bases));
  report("products", products, products);

  const demoRunId = await insertDemoRun(database, {
    seed: plan.options.seed,
    customers: total,
    days: plan.options.days,
    startAt: new Date(calendar.startSec * 1000),
    endAt: new Date(calendar.endSec * 1000),
    churnCutoffAt: new Date(calendar.cutoffSec * 1000),
    truth: runTruth(plan, bases),
  });

  const tally = new TruthTally();
  let seen = 0;
  report("customers", 0, total);
  await copyChunks(database, "customers", CUSTOMER_COLUMNS, customerChunks(plan, bases, (p) => { tally.add(p); seen++; }), () => report("customers", seen, total));
  report("truth", 0, total);
  await copyChunks(database, "demo_customer_truth", TRUTH_COLUMNS, truthChunks(plan, bases, demoRunId));
  report("truth", total, total);

  const sink = newEventSink(plan, bases);
  let customersDone = 0;
  function* events(): Generator<string> {
    for (const chunk of eventChunks(plan, sink)) {
      customersDone = chunk.customersDone;
      yield chunk.csv;
    }
  }
  report("events", 0, total);
  await copyChunks(database, "events", EVENT_COLUMNS, events(), () => report("events", customersDone, total));
  report("events", total, total);

  await syncIdentity(database, "customers");
  await syncIdentity(database, "products");
  const eventsByType = Object.fromEntries(EVENT_TYPES.map((type, i) => [type, sink.countsByType[i] ?? 0]));
  await saveDemoRunTruth(database, demoRunId, runTruth(plan, bases, tally, eventsByType));

  const rows = { products, customers: total, events: sink.rows, demo_runs: 1, demo_customer_truth: total };
  const seconds = (performance.now() - started) / 1000;
  const allRows = rows.products + rows.customers + rows.events + rows.demo_runs + rows.demo_customer_truth;
  return {
    demoRunId,
    seed: plan.options.seed,
    customers: total,
    days: plan.options.days,
    startAt: new Date(calendar.startSec * 1000),
    endAt: new Date(calendar.endSec * 1000),
    churnCutoffAt: new Date(calendar.cutoffSec * 1000),
    rows,
    eventsByType,
    seconds,
    rowsPerSecond: allRows / seconds,
  };
}
