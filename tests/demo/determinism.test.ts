import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { customerChunks, eventChunks, newEventSink, planDemo, productChunks, truthChunks, ZERO_BASES } from "../../server/demo/generate";
import type { DemoOptions } from "../../server/demo/options";

const END_AT = new Date("2026-01-01T00:00:00Z");

function digest(options: DemoOptions, chunkChars?: number): { hash: string; events: number; ids: string[] } {
  const plan = planDemo(options);
  const hash = createHash("sha256");
  for (const chunk of productChunks(plan, ZERO_BASES)) hash.update(chunk);
  for (const chunk of customerChunks(plan, ZERO_BASES)) hash.update(chunk);
  for (const chunk of truthChunks(plan, ZERO_BASES, 1)) hash.update(chunk);
  const sink = newEventSink(plan, ZERO_BASES, chunkChars);
  const ids: string[] = [];
  for (const chunk of eventChunks(plan, sink)) {
    hash.update(chunk.csv);
    for (const line of chunk.csv.split("\n")) if (line) ids.push(line.split(",", 2)[1] ?? "");
  }
  return { hash: hash.digest("hex"), events: sink.rows, ids };
}

describe("demo generator determinism", () => {
  const options = { customers: 400, days: 200, seed: 42, endAt: END_AT };

  it("renders identical rows for the same seed and options, whatever the chunk size", () => {
    const first = digest(options);
    const again = digest(options, 64 * 1024);
    expect(first.events).toBeGreaterThan(10_000);
    expect(again.hash).toBe(first.hash);
  });

  it("renders different rows for another seed or end date", () => {
    const base = digest(options).hash;
    expect(digest({ ...options, seed: 43 }).hash).not.toBe(base);
    expect(digest({ ...options, endAt: new Date("2026-02-01T00:00:00Z") }).hash).not.toBe(base);
  });

  it("gives every event a unique external id", () => {
    const { ids, events } = digest(options);
    expect(ids.length).toBe(events);
    expect(new Set(ids).size).toBe(events);
  });

  it("a customer's rows do not depend on how many customers are generated", () => {
    const small = planDemo({ ...options, customers: 50 });
    const large = planDemo({ ...options, customers: 400 });
    const firstCustomers = (plan: typeof small) => {
      const sink = newEventSink(plan, ZERO_BASES);
      let text = "";
      for (const chunk of eventChunks(plan, sink)) text += chunk.csv;
      return text.split("\n").filter((line) => Number(line.split(",")[2]) <= 50);
    };
    expect(firstCustomers(large)).toEqual(firstCustomers(small));
  });
});
