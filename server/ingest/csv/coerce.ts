import type { IngestError, IngestKind } from "../types";
import { FIELDS, type FieldSpec } from "./fields";
import type { ResolvedMapping } from "./mapping";

const TRUE = new Set(["true", "yes", "y", "1", "t", "是"]);
const FALSE = new Set(["false", "no", "n", "0", "f", "否"]);

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

function convert(spec: FieldSpec, raw: string): Converted {
  switch (spec.type) {
    case "text":
      return { ok: true, value: raw };
    case "number":
    case "int": {
      const value = Number(raw.replace(/,/g, ""));
      if (!Number.isFinite(value)) return { ok: false, message: `"${raw}" is not a ${spec.type === "int" ? "whole number" : "number"}` };
      if (spec.type === "int" && !Number.isInteger(value)) return { ok: false, message: `"${raw}" is not a whole number` };
      return { ok: true, value };
    }
    case "boolean": {
      const lower = raw.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, message: `"${raw}" is not yes/no, true/false or 1/0` };
    }
    case "json": {
      try {
        return { ok: true, value: JSON.parse(raw) as unknown };
      } catch {
        return { ok: false, message: "is not valid JSON (expected an object such as {\"key\": \"value\"})" };
      }
    }
  }
}

export interface MappedRow {
  item: Record<string, unknown>;
  errors: Omit<IngestError, "index">[];
}

/**
 * One CSV record as an item for validateItems: blank cells are left out (so optional fields stay
 * unset), text is kept exactly as given, typed cells are converted or reported.
 */
export function recordToItem(kind: IngestKind, mapping: ResolvedMapping, values: readonly string[], width: number): MappedRow {
  const specs = FIELDS[kind];
  const item: Record<string, unknown> = {};
  const errors: Omit<IngestError, "index">[] = [];
  if (values.length !== width) {
    errors.push({ field: "(row)", message: `has ${values.length} fields but the header has ${width}` });
  }
  for (const { field, column } of mapping) {
    const raw = values[column];
    if (raw === undefined || raw.trim() === "") continue;
    const spec = specs.find((candidate) => candidate.name === field);
    if (!spec) continue;
    const converted = convert(spec, spec.type === "text" ? raw : raw.trim());
    if (converted.ok) item[field] = converted.value;
    else errors.push({ field, message: converted.message });
  }
  return { item, errors };
}
