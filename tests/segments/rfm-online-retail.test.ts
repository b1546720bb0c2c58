import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { refreshFeatures } from "../../server/features/refresh";
import { importOnlineRetail } from "../../server/ingest/importers/online-retail";
import { countDefinition } from "../../server/segments/preview.service";
import { RFM_PRESET_NAMES, type RfmPresetName } from "../../lib/shared/rfm-presets";
import { readSimpleCsv, requireData } from "../ingest/importers-support";
import { engineUnderTest, openTestDatabase } from "../support/db";

/**
 * RFM presets on the real Online Retail import, against counts computed here from the raw CSV:
 * our own recency / frequency / monetary per customer, our own quintile scores
 * (score = ceil(5 · share of buyers at most as good), ties share a score) and the documented
 * R × FM grid. Nothing from server/features or server/segments is reused for the expectation.
 */
const GRID: Record<"r45" | "r3" | "r2" | "r1", RfmPresetName[]> = {
  r45: ["new", "potential_loyalists", "potential_loyalists", "champions"],
  r3: ["hibernating", "hibernating", "loyal", "loyal"],
  r2: ["hibernating", "at_risk", "at_risk", "cant_lose"],
  r1: ["lost", "at_risk", "at_risk", "cant_lose"],
};

function presetOf(r: number, f: number, m: number): RfmPresetName {
  const fm = (f + m) / 2;
  const column = fm <= 2 ? 0 : fm < 3 ? 1 : fm < 4 ? 2 : 3;
  const row = r >= 4 ? GRID.r45 : r === 3 ? GRID.r3 : r === 2 ? GRID.r2 : GRID.r1;
  return row[column] as RfmPresetName;
}

function scores(values: number[]): number[] {
  const n = values.length;
  return values.map((v) => Math.max(1, Math.ceil((5 * values.filter((w) => w <= v).length) / n - 1e-9)));
}

function expectedCounts(file: string): Map<RfmPresetName, number> {
  const per = new Map<string, { lines: number; cents: number; last: number }>();
  for (const line of readSimpleCsv(file)) {
    const id = line.CustomerID ?? "";
    if (!id) continue;
    const cents = Math.round(Math.abs(Number(line.Quantity) * Number(line.UnitPrice)) * 100);
    const at = Date.parse(`${(line.InvoiceDate ?? "").replace(" ", "T")}Z`);
    const entry = per.get(id) ?? { lines: 0, cents: 0, last: -Infinity };
    if ((line.InvoiceNo ?? "").startsWith("C")) entry.cents -= cents;
    else {
      entry.lines++;
      entry.cents += cents;
      entry.last = Math.max(entry.last, at);
    }
    per.set(id, entry);
  }
  const buyers = [...per.values()].filter((c) => c.lines > 0);
  // Recency: an earlier last purchase is worse, so order by the time itself (later = better).
  const r = scores(buyers.map((c) => c.last));
  const f = scores(buyers.map((c) => c.lines));
  const m = scores(buyers.map((c) => c.cents));
  const counts = new Map<RfmPresetName, number>(RFM_PRESET_NAMES.map((name) => [name, 0]));
  buyers.forEach((_, i) => {
    const name = presetOf(r[i] as number, f[i] as number, m[i] as number);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return counts;
}

describe(`RFM presets on the Online Retail import (${engineUnderTest})`, () => {
  let database: Database;
  const file = requireData("online-retail", "online_retail_non_uk.csv");

  beforeAll(async () => {
    database = await openTestDatabase();
    await importOnlineRetail(database.db, file);
    await refreshFeatures(database.db);
  }, 300_000);
  afterAll(async () => {
    await database.close();
  });

  it("each preset's count equals the count computed independently from the CSV", async () => {
    const expected = expectedCounts(file);
    const actual = new Map<RfmPresetName, number>();
    for (const preset of RFM_PRESET_NAMES) actual.set(preset, await countDefinition(database.db, { kind: "rfm", preset }));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // Every buyer falls in exactly one preset; a real data set fills several of them.
    expect([...actual.values()].reduce((a, b) => a + b, 0)).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    expect([...actual.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(6);
  });
});
