// Breaks import/no-cycle on purpose together with cycle-b.ts; linted by lint-boundaries.test.ts.
import { b } from "./cycle-b";

export const a = (): string => `a${b.length}`;
