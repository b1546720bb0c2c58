import fs from "node:fs";
import path from "node:path";

/** The shared real data sets, read in place (never copied). */
export const DATA_ROOT = path.resolve(__dirname, "../../../shared/data");

/** Fails (never skips) when a data set is missing, naming the path that should exist. */
export function requireData(...parts: string[]): string {
  const target = path.join(DATA_ROOT, ...parts);
  if (!fs.existsSync(target)) throw new Error(`Real data set missing: ${target} (expected the shared data folder ../shared/data next to the project)`);
  return target;
}

/**
 * A deliberately simple reader, independent of csv-parse and of the importers: splits lines on
 * newlines and fields on the delimiter, honouring double quotes. The real data sets have no
 * newlines inside quoted fields, which the test checks by comparing row counts.
 */
export function readSimpleCsv(file: string, delimiter = ","): Record<string, string>[] {
  const lines = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line !== "");
  const split = (line: string): string[] => {
    const out: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) {
        out.push(field);
        field = "";
      } else field += ch;
    }
    out.push(field);
    return out;
  };
  const [header, ...rows] = lines;
  const names = split(header ?? "");
  return rows.map((line) => {
    const values = split(line);
    return Object.fromEntries(names.map((name, i) => [name, values[i] ?? ""]));
  });
}
