import path from "node:path";
import { defineConfig } from "vitest/config";

/*
 * `npm run test:faults`: kill -9 of worker processes, PostgreSQL stopped and started under load,
 * and the three-worker soak. They run on a PostgreSQL cluster of their own (tests/faults/support),
 * one file at a time, because they stop servers and start processes.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/faults/**/*.fault.ts"],
    environment: "node",
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
