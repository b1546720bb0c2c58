import { AppError } from "../../errors";
import type { IngestKind } from "../types";
import { FIELDS, normaliseHeader } from "./fields";

/** Field name → CSV column name (absent or null: not imported). */
export type ColumnMapping = Record<string, string | null>;

/** Field name → column position, after checking the mapping against the header. */
export type ResolvedMapping = ReadonlyArray<{ field: string; column: number }>;

/**
 * Best guess per field: an exact field name first, then a known synonym. Each column is used at
 * most once, in field order, so "id" goes to the kind's own id before anything else.
 */
export function guessMapping(kind: IngestKind, columns: readonly string[]): ColumnMapping {
  const normalised = columns.map(normaliseHeader);
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  const take = (position: number, field: string) => {
    used.add(position);
    mapping[field] = columns[position] ?? null;
  };
  for (const spec of FIELDS[kind]) {
    const exact = normalised.findIndex((name, i) => !used.has(i) && name === normaliseHeader(spec.name));
    if (exact !== -1) take(exact, spec.name);
  }
  for (const spec of FIELDS[kind]) {
    if (mapping[spec.name]) continue;
    const position = normalised.findIndex((name, i) => !used.has(i) && spec.synonyms.includes(name));
    if (position !== -1) take(position, spec.name);
    else mapping[spec.name] = null;
  }
  return mapping;
}

/** Checks a mapping against the header; names every unknown field, missing column or unmapped required field. */
export function resolveMapping(kind: IngestKind, columns: readonly string[], mapping: ColumnMapping): ResolvedMapping {
  const specs = FIELDS[kind];
  const known = new Set(specs.map((spec) => spec.name));
  const problems: string[] = [];
  const resolved: { field: string; column: number }[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (!known.has(field)) {
      problems.push(`"${field}" is not a ${kind} field (known: ${[...known].join(", ")})`);
      continue;
    }
    if (column === null || column === "") continue;
    const position = columns.indexOf(column);
    if (position === -1) problems.push(`${field} is mapped to column "${column}", which the header does not have`);
    else resolved.push({ field, column: position });
  }
  for (const spec of specs) {
    if (spec.required && !resolved.some((entry) => entry.field === spec.name) && !problems.some((p) => p.startsWith(`${spec.name} `))) {
      problems.push(`${spec.name} is required: map it to a column`);
    }
  }
  if (problems.length) throw new AppError("BAD_REQUEST", `Column mapping: ${problems.join("; ")}`, "mapping");
  return resolved;
}

/** Parses CLI `field=column` pairs on top of the guessed mapping. */
export function applyOverrides(base: ColumnMapping, overrides: readonly string[]): ColumnMapping {
  const mapping = { ...base };
  for (const pair of overrides) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new AppError("BAD_REQUEST", `--map expects field=column, got "${pair}"`, "mapping");
    const column = pair.slice(at + 1);
    mapping[pair.slice(0, at)] = column === "" ? null : column;
  }
  return mapping;
}
