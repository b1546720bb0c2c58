import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * Two house rules the linter cannot see in full, checked on the source text (no database):
 * - each shared domain rule (not erased, contactable, the run in use, the features' as-of time) is
 *   written once, in server/db/rules.ts; every query composes that fragment instead of restating it;
 * - only repos (*.repo.ts) and SQL fragment files (*.sql.ts), plus server/db itself, import values
 *   from the database packages; services, jobs and pure files import at most their types.
 */

const ROOT = path.resolve(__dirname, "../..");
const SERVER = path.join(ROOT, "server");
const RULES_FILE = "server/db/rules.ts";

/** Every .ts file under server/, as a repo-relative path with forward slashes; migrations are not scanned. */
function serverFiles(dir = SERVER): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : serverFiles(full);
    return entry.name.endsWith(".ts") ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

const files = serverFiles().map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));

/** The SQL of each rule as it would be restated, whitespace-tolerant and case-insensitive. */
const RESTATEMENTS: Array<{ rule: string; pattern: RegExp; use: string }> = [
  { rule: "not erased", pattern: /erased_at\s+IS\s+NULL/i, use: "notErased(alias) or contactable(alias)" },
  { rule: "the run in use", pattern: /is_active\s+AND/i, use: "isActiveRun(alias) or activeRunId(task)" },
  { rule: "the features' as-of time", pattern: /max\s*\(\s*as_of\s*\)\s+FROM\s+customer_features/i, use: "FEATURES_AS_OF" },
];

const DATABASE_PACKAGES = ["drizzle-orm", "pg", "@electric-sql/pglite", "pg-copy-streams"];

/** Files allowed to import database values: repos, fragment files and the db module itself. */
const mayImportDatabase = (file: string) => file.endsWith(".repo.ts") || file.endsWith(".sql.ts") || file.startsWith("server/db/");

/*
 * No allow-list: server/api, server/auth and server/staff reach the database through their repos
 * (credentials.repo.ts, staff.repo.ts) too. Should one of them ever need an exception, list it
 * here by path, with the reason, rather than widening the rule.
 */
const ALLOWED_DATABASE_IMPORTS: readonly string[] = [];

const packageName = (specifier: string) => DATABASE_PACKAGES.find((name) => specifier === name || specifier.startsWith(`${name}/`));

/** Static imports and re-exports of a database package that bring in a value (not only types). */
function databaseValueImports(text: string): string[] {
  const found: string[] = [];
  // The clause is a default name, a namespace, a brace list or a default plus one of those.
  const statement = /^\s*(import|export)\s+(type\s+)?((?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)|[\w$]+)\s*from\s*["']([^"']+)["']/gm;
  for (const match of text.matchAll(statement)) {
    const [whole, , typeOnly, clause = "", specifier = ""] = match;
    if (!packageName(specifier) || typeOnly) continue;
    // `import { type A, type B } from ...` is type-only too; a default or namespace import never is.
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const specifiers = named ? (named[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean) : [clause];
    if (named && specifiers.every((s) => s.startsWith("type "))) continue;
    found.push(whole.trim().replace(/\s+/g, " "));
  }
  for (const match of text.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) if (packageName(match[1] ?? "")) found.push(match[0].trim());
  for (const match of text.matchAll(/\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)) if (packageName(match[1] ?? "")) found.push(match[0]);
  return found;
}

describe("each domain rule is defined once, in server/db/rules.ts", () => {
  it("scans the server sources", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.file === RULES_FILE)).toBe(true);
  });

  for (const { rule, pattern, use } of RESTATEMENTS) {
    it(`no file restates "${rule}" (compose ${use})`, () => {
      const offenders = files.filter((f) => f.file !== RULES_FILE && pattern.test(f.text)).map((f) => f.file);
      expect(offenders).toEqual([]);
    });
  }

  it("the rules file still holds every rule (so the checks above test something)", () => {
    const rules = files.find((f) => f.file === RULES_FILE)?.text ?? "";
    expect(rules).toMatch(/export function notErased\(/);
    expect(rules).toMatch(/export function contactable\(/);
    expect(rules).toMatch(/export function isActiveRun\(/);
    expect(rules).toMatch(/export function activeRunId\(/);
    expect(rules).toMatch(/export const FEATURES_AS_OF/);
    expect(rules).toMatch(/max\(as_of\) FROM customer_features/);
  });
});

describe("only repos and SQL fragment files import database values", () => {
  it("the import check recognises value imports and lets type-only ones through", () => {
    expect(databaseValueImports(`import { sql } from "drizzle-orm";`)).toHaveLength(1);
    expect(databaseValueImports(`import {\n  and,\n  eq,\n} from "drizzle-orm";`)).toHaveLength(1);
    expect(databaseValueImports(`import { sql, type SQL } from "drizzle-orm";`)).toHaveLength(1);
    expect(databaseValueImports(`import { PgDialect } from "drizzle-orm/pg-core";`)).toHaveLength(1);
    expect(databaseValueImports(`import pg from "pg";`)).toHaveLength(1);
    expect(databaseValueImports(`export { sql } from "drizzle-orm";`)).toHaveLength(1);
    expect(databaseValueImports(`const { sql } = await import("drizzle-orm");`)).toHaveLength(1);
    expect(databaseValueImports(`import * as orm from "drizzle-orm";`)).toHaveLength(1);
    expect(databaseValueImports(`import type { SQL } from "drizzle-orm";`)).toEqual([]);
    expect(databaseValueImports(`export const A = 1;\nimport type { SQL } from "drizzle-orm";`)).toEqual([]);
    expect(databaseValueImports(`import { type SQL } from "drizzle-orm";`)).toEqual([]);
    expect(databaseValueImports(`import { z } from "zod";\nimport type { Db } from "../db";`)).toEqual([]);
  });

  it("no service, job or pure file under server/ imports a value from a database package", () => {
    const offenders = files
      .filter((f) => !mayImportDatabase(f.file) && !ALLOWED_DATABASE_IMPORTS.includes(f.file))
      .flatMap((f) => databaseValueImports(f.text).map((statement) => `${f.file}: ${statement}`));
    expect(offenders).toEqual([]);
  });
});
