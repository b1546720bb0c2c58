import type { Db } from "../db";
import { compileRule } from "./compile.sql";
import { definitionWhere } from "./definition.service";
import type { Rule } from "./rule.schema";
import { countMatching, findReferenceTime, previewMatching, rfmCellCounts } from "./segments.repo";
import type { FieldValuesInput, SegmentDefinition } from "./segments.schemas";
import { knownFieldValues } from "./field-values.repo";

/** Live size of a rule, for the builder's preview; `asOf` defaults to the data's as-of time. */
export async function countSegment(db: Db, rule: Rule, asOf?: Date): Promise<number> {
  return countMatching(db, compileRule(rule, { asOf: asOf ?? (await findReferenceTime(db)) }));
}

/** Live size of any definition (rule, preset, model-based, manual). */
export async function countDefinition(db: Db, definition: SegmentDefinition, asOf?: Date): Promise<number> {
  return countMatching(db, await definitionWhere(db, definition, asOf ?? (await findReferenceTime(db))));
}

export async function previewMembers(db: Db, rule: Rule, page: { page: number; pageSize: number }, asOf?: Date) {
  return previewDefinition(db, { kind: "rule", rule }, page, asOf);
}

export async function previewDefinition(db: Db, definition: SegmentDefinition, page: { page: number; pageSize: number }, asOf?: Date) {
  const where = await definitionWhere(db, definition, asOf ?? (await findReferenceTime(db)));
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

/** Suggestions for a text field of the rule builder: its known values, most frequent first. */
export function fieldValues(db: Db, input: FieldValuesInput) {
  return knownFieldValues(db, input.field, input.prefix.trim());
}
