import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { compileRule } from "./compile";
import { RFM_PRESETS } from "./rfm-presets";
import type { Rule } from "./rule.schema";
import { countMatching, findReferenceTime, previewMatching, rfmCellCounts } from "./segments.repo";
import type { SegmentDefinition } from "./segments.schemas";

export function ruleOf(definition: SegmentDefinition): Rule {
  if (definition.kind === "manual") throw new AppError("BAD_REQUEST", "A manual segment is a fixed list of customers, not a rule", "definition");
  return definition.kind === "rule" ? definition.rule : RFM_PRESETS[definition.preset].rule;
}

/** The member filter of any definition over SEGMENT_FROM: a compiled rule, or the fixed id list. */
export function whereOf(definition: SegmentDefinition, asOf: Date): SQL {
  if (definition.kind === "manual") return sql`c.erased_at IS NULL AND c.id = ANY(${`{${definition.customerIds.join(",")}}`}::bigint[])`;
  return compileRule(ruleOf(definition), { asOf });
}

/** Live size of a rule, for the builder's preview; `asOf` defaults to the data's as-of time. */
export async function countSegment(db: Db, rule: Rule, asOf?: Date): Promise<number> {
  return countMatching(db, compileRule(rule, { asOf: asOf ?? (await findReferenceTime(db)) }));
}

export async function previewMembers(db: Db, rule: Rule, page: { page: number; pageSize: number }, asOf?: Date) {
  const where = compileRule(rule, { asOf: asOf ?? (await findReferenceTime(db)) });
  const [rows, total] = await Promise.all([previewMatching(db, where, page.page, page.pageSize), countMatching(db, where)]);
  return { rows, total, page: page.page, pageSize: page.pageSize };
}

/** Customer counts per (r_score, f_score) cell, every one of the 25 cells present, for a heat map. */
export async function rfmGrid(db: Db) {
  const counts = new Map((await rfmCellCounts(db)).map((cell) => [`${cell.rScore}:${cell.fScore}`, cell.count]));
  const cells: Array<{ rScore: number; fScore: number; count: number }> = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) cells.push({ rScore: r, fScore: f, count: counts.get(`${r}:${f}`) ?? 0 });
  }
  return cells;
}
