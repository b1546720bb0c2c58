import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { customerFeatures, customers } from "../../server/db/schema";
import { countSegment, rfmGrid } from "../../server/segments/preview.service";
import { RFM_PRESET_NAMES, RFM_PRESETS, type RfmPresetName } from "../../lib/shared/rfm-presets";
import { ZRule } from "../../server/segments/rule.schema";
import { engineUnderTest, openTestDatabase } from "../support/db";

const AS_OF = new Date("2025-06-30T00:00:00Z");

/** The documented grid, read as a table: rows are R bands, columns FM bands. */
const GRID: Record<"r45" | "r3" | "r2" | "r1", [RfmPresetName, RfmPresetName, RfmPresetName, RfmPresetName]> = {
  r45: ["new", "potential_loyalists", "potential_loyalists", "champions"],
  r3: ["hibernating", "hibernating", "loyal", "loyal"],
  r2: ["hibernating", "at_risk", "at_risk", "cant_lose"],
  r1: ["lost", "at_risk", "at_risk", "cant_lose"],
};

function expectedPreset(r: number, f: number, m: number): RfmPresetName {
  const fm = (f + m) / 2;
  const column = fm <= 2 ? 0 : fm < 3 ? 1 : fm < 4 ? 2 : 3;
  const row = r >= 4 ? GRID.r45 : r === 3 ? GRID.r3 : r === 2 ? GRID.r2 : GRID.r1;
  return row[column];
}

describe(`RFM presets and grid (${engineUnderTest})`, () => {
  let database: Database;
  const scored: Array<{ r: number; f: number; m: number }> = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    // Every (r, f, m) combination once, cells (r, f) = (5, 5) and (1, 1) twice more, plus two
    // unscored customers and one erased champion that must never be counted.
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) scored.push({ r, f, m });
    scored.push({ r: 5, f: 5, m: 4 }, { r: 1, f: 1, m: 2 });
    const total = scored.length + 3;
    await database.db.insert(customers).values(
      Array.from({ length: total }, (_, i) => ({ id: i + 1, externalId: `c${i + 1}`, erasedAt: i + 1 === total ? new Date("2025-06-01T00:00:00Z") : null })),
    );
    await database.db.insert(customerFeatures).values([
      ...scored.map((s, i) => ({ customerId: i + 1, asOf: AS_OF, rScore: s.r, fScore: s.f, mScore: s.m, frequency: s.f })),
      { customerId: scored.length + 1, asOf: AS_OF },
      { customerId: total, asOf: AS_OF, rScore: 5, fScore: 5, mScore: 5 },
    ]);
  });
  afterAll(async () => {
    await database.close();
  });

  it("every preset counts what the documented grid says", async () => {
    const expected = new Map<RfmPresetName, number>(RFM_PRESET_NAMES.map((name) => [name, 0]));
    for (const s of scored) {
      const name = expectedPreset(s.r, s.f, s.m);
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const actual = new Map<RfmPresetName, number>();
    for (const name of RFM_PRESET_NAMES) actual.set(name, await countSegment(database.db, ZRule.parse(RFM_PRESETS[name].rule)));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // Hand count: R 4-5 (2 values) x (f, m) with f + m >= 8 (6 pairs) + the extra (5, 5, 4).
    expect(actual.get("champions")).toBe(13);
    // R 1 with f + m <= 4: (1,1) (1,2) (1,3) (2,1) (2,2) (3,1) = 6, + the extra (1, 1, 2).
    expect(actual.get("lost")).toBe(7);
  });

  it("the presets partition the scored customers", async () => {
    let sum = 0;
    for (const name of RFM_PRESET_NAMES) sum += await countSegment(database.db, ZRule.parse(RFM_PRESETS[name].rule));
    expect(sum).toBe(scored.length);
  });

  it("the grid counts customers per (r_score, f_score) cell, all 25 cells present", async () => {
    const grid = await rfmGrid(database.db);
    expect(grid).toHaveLength(25);
    const expected = new Map<string, number>();
    for (const s of scored) expected.set(`${s.r}:${s.f}`, (expected.get(`${s.r}:${s.f}`) ?? 0) + 1);
    for (const cell of grid) expect(cell.count).toBe(expected.get(`${cell.rScore}:${cell.fScore}`) ?? 0);
    expect(grid.find((c) => c.rScore === 5 && c.fScore === 5)?.count).toBe(6);
    expect(grid.find((c) => c.rScore === 3 && c.fScore === 2)?.count).toBe(5);
    expect(grid.reduce((n, c) => n + c.count, 0)).toBe(scored.length);
  });
});
