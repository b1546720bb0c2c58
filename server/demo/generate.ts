import { buildCalendar, type Calendar } from "./calendar";
import { buildCatalogue, type Catalogue } from "./catalogue";
import { ChunkBuffer } from "./csv";
import { CsvEventSink } from "./events-csv";
import { resolveOptions, type DemoOptions, type ResolvedDemoOptions } from "./options";
import { buildProfile, type CustomerProfile } from "./profiles";
import { customerRow, productRow, truthRow } from "./rows-csv";
import { simulateCustomer, simulationContext, type SimulationContext } from "./simulate";
import type { EventSink } from "./sink";
import { TimestampFormatter } from "./timestamps";

/** Everything a run needs, derived from the options alone (no I/O). */
export interface DemoPlan {
  options: ResolvedDemoOptions;
  calendar: Calendar;
  catalogue: Catalogue;
  context: SimulationContext;
}

export interface IdBases {
  customer: number;
  product: number;
}

export const ZERO_BASES: IdBases = { customer: 0, product: 0 };

export function planDemo(options: DemoOptions): DemoPlan {
  const resolved = resolveOptions(options);
  const calendar = buildCalendar(resolved.endAt, resolved.days);
  const catalogue = buildCatalogue();
  return { options: resolved, calendar, catalogue, context: simulationContext(resolved.seed, calendar, catalogue) };
}

/** Profiles are re-derived on each pass instead of kept: 100k of them would pin ~50 MB. */
export function* customerProfiles(plan: DemoPlan): Generator<CustomerProfile> {
  for (let i = 0; i < plan.options.customers; i++) yield buildProfile(plan.options.seed, i, plan.calendar, plan.catalogue);
}

export function productChunks(plan: DemoPlan, bases: IdBases): string[] {
  const buffer = new ChunkBuffer();
  for (const p of plan.catalogue.products) buffer.push(productRow(p, bases.product));
  return buffer.finish();
}

export function* customerChunks(plan: DemoPlan, bases: IdBases, onProfile?: (p: CustomerProfile) => void): Generator<string> {
  const buffer = new ChunkBuffer();
  const time = new TimestampFormatter();
  for (const profile of customerProfiles(plan)) {
    onProfile?.(profile);
    buffer.push(customerRow(profile, bases.customer, time.format(profile.signupSec)));
    yield* buffer.drain();
  }
  yield* buffer.finish();
}

export function* truthChunks(plan: DemoPlan, bases: IdBases, demoRunId: number): Generator<string> {
  const buffer = new ChunkBuffer();
  const keys = plan.catalogue.trackKeys;
  for (const profile of customerProfiles(plan)) {
    buffer.push(truthRow(profile, bases.customer, demoRunId, profile.track >= 0 ? (keys[profile.track] ?? null) : null));
    yield* buffer.drain();
  }
  yield* buffer.finish();
}

export interface EventChunk {
  csv: string;
  customersDone: number;
}

/** Simulates every customer into the sink and yields CSV chunks as they fill. */
export function* eventChunks(plan: DemoPlan, sink: CsvEventSink): Generator<EventChunk> {
  let done = 0;
  for (const profile of customerProfiles(plan)) {
    simulateCustomer(plan.context, profile, sink);
    done++;
    for (const csv of sink.buffer.drain()) yield { csv, customersDone: done };
  }
  for (const csv of sink.buffer.finish()) yield { csv, customersDone: done };
}

/** Runs the simulation into any sink (tests use a recording sink instead of CSV). */
export function simulateAll(plan: DemoPlan, sink: EventSink, onProfile?: (p: CustomerProfile) => void): void {
  for (const profile of customerProfiles(plan)) {
    onProfile?.(profile);
    simulateCustomer(plan.context, profile, sink);
  }
}

export function newEventSink(plan: DemoPlan, bases: IdBases, chunkChars?: number): CsvEventSink {
  return new CsvEventSink(plan.options.seed, bases.customer, bases.product, chunkChars);
}
