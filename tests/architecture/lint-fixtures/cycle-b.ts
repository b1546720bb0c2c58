// Breaks import/no-cycle on purpose together with cycle-a.ts; linted by lint-boundaries.test.ts.
import { a } from "./cycle-a";

export const b = typeof a === "function" ? "b" : "";
