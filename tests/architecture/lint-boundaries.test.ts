import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/*
 * Each house rule in eslint.config.mjs, broken once on purpose: if a rule stops firing (a renamed
 * folder, a plugin upgrade, a typo in a glob), this fails instead of the boundary quietly eroding.
 * The snippets are linted as if they lived at `filePath`; their imports point at real files,
 * because the path rules judge resolved files.
 */

const ROOT = path.resolve(__dirname, "../..");
let eslint: ESLint;

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

beforeAll(() => {
  // no-cycle walks files on disk and cannot follow a snippet that exists only here; the cycle
  // case below lints two real fixture files instead.
  eslint = new ESLint({ cwd: ROOT, overrideConfig: { rules: { "import/no-cycle": "off" } } });
});

describe("the import boundaries are enforced by the linter", () => {
  const cases: { rule: string; filePath: string; code: string; expected: string }[] = [
    {
      rule: "pages never touch the database",
      filePath: "app/(dashboard)/fixture/page.tsx",
      code: `import { getDatabase } from "@/server/db";\nexport default async function Page() { await getDatabase(); return null; }\n`,
      expected: "import/no-restricted-paths",
    },
    {
      rule: "components never import a repo",
      filePath: "components/fixture/panel.tsx",
      code: `import type { SegmentRow } from "@/server/segments/segments.repo";\nexport function Panel(_: { row: SegmentRow }) { return null; }\n`,
      expected: "import/no-restricted-paths",
    },
    {
      rule: "shared browser code takes only types from the server",
      filePath: "lib/fixture.ts",
      code: `import { listSegments } from "@/server/segments";\nexport const list = listSegments;\n`,
      expected: "no-restricted-imports",
    },
    {
      rule: "a module is entered through its index.ts only",
      filePath: "server/kpi/fixture.ts",
      code: `import { findSegment } from "../segments/segments.repo";\nexport const find = findSegment;\n`,
      expected: "import/no-restricted-paths",
    },
    {
      rule: "the maths imports no other server module",
      filePath: "server/ml/fixture.ts",
      code: `import { getDatabase } from "../db";\nexport const open = getDatabase;\n`,
      expected: "import/no-restricted-paths",
    },
    {
      rule: "the maths imports no database package",
      filePath: "server/stats/fixture.ts",
      code: `import { sql } from "drizzle-orm";\nexport const one = sql\`1\`;\n`,
      expected: "no-restricted-imports",
    },
    {
      rule: "the maths imports no React or Next.js",
      filePath: "server/stats/fixture-react.ts",
      code: `import { cache } from "react";\nexport const memo = cache;\n`,
      expected: "no-restricted-imports",
    },
    {
      rule: "server/db is the bottom layer and imports no API",
      filePath: "server/db/fixture.ts",
      code: `import { appRouter } from "../api";\nexport const router = appRouter;\n`,
      expected: "import/no-restricted-paths",
    },
    {
      rule: "SQL only in repos and fragment files",
      filePath: "server/segments/fixture.service.ts",
      code: `import { sql } from "drizzle-orm";\nexport const everyone = sql\`SELECT 1\`;\n`,
      expected: "no-restricted-imports",
    },
    {
      rule: "domain modules stay importable from scripts (no server-only guard)",
      filePath: "server/ingest/fixture.ts",
      code: `import "server-only";\nexport const guarded = true;\n`,
      expected: "no-restricted-syntax",
    },
  ];

  for (const { rule, filePath, code, expected } of cases) {
    it(`${rule}: ${filePath} is refused by ${expected}`, async () => {
      expect(await ruleIdsFor(filePath, code)).toContain(expected);
    });
  }

  it("the same imports are accepted where the rules allow them", async () => {
    expect(await ruleIdsFor("server/segments/fixture.repo.ts", `import { sql } from "drizzle-orm";\nexport const everyone = sql\`SELECT 1\`;\n`)).toEqual([]);
    expect(await ruleIdsFor("server/kpi/fixture.ts", `import { listSegments } from "../segments";\nexport const list = listSegments;\n`)).toEqual([]);
    expect(await ruleIdsFor("lib/fixture.ts", `import type { Role } from "@/server/auth";\nexport const admin: Role = "admin";\n`)).toEqual([]);
  });

  it("an import cycle is refused (import/no-cycle)", async () => {
    const linter = new ESLint({ cwd: ROOT, ignore: false });
    const results = await linter.lintFiles([path.join(__dirname, "lint-fixtures/cycle-a.ts")]);
    expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain("import/no-cycle");
  });
});
