import fs from "node:fs";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/*
 * The house rules of what may import what (docs/architecture.md explains why). Each rule has a
 * fixture in tests/architecture/lint-boundaries.test.ts that breaks it, so a rule that silently
 * stops firing fails the suite.
 */

// Every folder under server/ is a module; its index.ts is the only door in from outside.
const MODULES = fs
  .readdirSync(new URL("./server", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const OUTSIDE_SERVER = ["./app/**", "./components/**", "./lib/**", "./scripts/**", "./instrumentation.ts"];
const PURE = ["ml", "stats"];

const moduleFaces = MODULES.map((name) => ({
  target: [...OUTSIDE_SERVER, ...MODULES.filter((other) => other !== name).map((other) => `./server/${other}/**`)],
  from: `./server/${name}`,
  except: ["./index.ts"],
  message: `Import server/${name} through its public face (server/${name}/index.ts), not its inner files.`,
}));

const pureMaths = PURE.map((name) => ({
  target: `./server/${name}/**`,
  from: "./server",
  except: [`./${name}`],
  message: `server/${name} is pure maths, tested on arrays: it imports no other server module.`,
}));

const browserSide = ["./app/**", "./components/**", "./lib/**"];
const pagesAndDatabase = [
  {
    target: browserSide,
    from: "./server/db",
    message: "Pages, components and shared code never touch the database: call a procedure (server/api caller) instead.",
  },
  {
    target: browserSide,
    from: "./server/**/*.repo.ts",
    message: "Pages, components and shared code never import a repo: call a procedure instead.",
  },
];

const databaseBelowEverything = {
  target: "./server/db/**",
  from: "./server",
  except: ["./db", "./env.ts", "./errors.ts"],
  message: "server/db is the bottom layer: it imports no API and no domain module.",
};

const databasePackages = ["drizzle-orm", "pg", "@electric-sql/pglite", "pg-copy-streams"];
const frameworkPackages = ["react", "react-dom", "next", "next-auth"];

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    // Cycle detection follows project files only; parsing bundled packages (pglite's) overflows the stack.
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import/no-restricted-paths": ["error", { zones: [...moduleFaces, ...pureMaths, ...pagesAndDatabase, databaseBelowEverything] }],
    },
  },
  {
    files: ["server/**/*.ts", "server/**/*.mjs", "lib/**/*.{ts,tsx}", "components/**/*.tsx", "app/**/*.{ts,tsx}", "tests/architecture/lint-fixtures/**/*.ts"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Only repos run SQL; *.sql.ts files compose fragments for them; server/db defines the schema and the shared rules.
    files: ["server/**/*.ts"],
    ignores: ["server/**/*.repo.ts", "server/**/*.sql.ts", "server/db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: databasePackages.map((name) => ({
            name,
            allowTypeImports: true,
            message: "SQL lives in *.repo.ts (queries) and *.sql.ts (fragments); services and pure files call them.",
          })),
        },
      ],
    },
  },
  {
    // After the SQL block: flat config replaces a rule's options, so the stricter maths list must come last.
    files: ["server/ml/**", "server/stats/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...databasePackages, ...frameworkPackages].map((name) => ({ name, message: "The maths imports no database, React or Next.js." })),
          patterns: [{ group: ["next/*", "react-dom/*"], message: "The maths imports no database, React or Next.js." }],
        },
      ],
    },
  },
  {
    // lib/ and components/ reach the browser: they share types with the server, never code.
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: databasePackages.map((name) => ({ name, message: "Browser-side code never touches the database." })),
          patterns: [
            {
              group: ["@/server", "@/server/*", "**/server/*"],
              allowTypeImports: true,
              message: "lib/ and components/ share only types with the server (import type), never server code.",
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts and tests import domain modules directly; Next's server-only guard would throw there.
    files: ["server/**/*.ts"],
    ignores: ["server/api/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='server-only']",
          message: "Only server/api (what pages and route handlers call) is marked server-only; domain modules also run in scripts and the worker.",
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      ".cache/**",
      "drizzle/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      // Files that break each rule on purpose; tests/architecture/lint-boundaries.test.ts lints them with ignores off.
      "tests/architecture/lint-fixtures/**",
    ],
  },
];

export default config;
