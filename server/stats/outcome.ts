/**
 * Results that can be mathematically undefined (a zero control rate, an arm without
 * observations, zero variance) carry an explicit marker instead of NaN/Infinity, so a results
 * page or `--json` read-out can show the reason rather than a misleading number.
 */
export interface Undefined {
  readonly defined: false;
  readonly reason: string;
}

export type Outcome<T extends object> = ({ readonly defined: true } & T) | Undefined;

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export function undefinedBecause(reason: string): Undefined {
  return { defined: false, reason };
}

export function definedAs<T extends object>(value: T): { readonly defined: true } & T {
  return { defined: true, ...value };
}
