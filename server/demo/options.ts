import { z } from "zod";

/** A fixed reference end so library callers get reproducible data unless they pass a date. */
export const DEFAULT_END_AT = new Date("2026-01-01T00:00:00Z");

export const DemoOptionsSchema = z.object({
  customers: z.number().int().min(1).max(2_000_000),
  days: z.number().int().min(14).max(1500),
  seed: z.number().int().min(-2147483648).max(2147483647),
  endAt: z.date().optional(),
});

export type DemoOptions = z.infer<typeof DemoOptionsSchema>;
export type ResolvedDemoOptions = Required<DemoOptions>;

export function resolveOptions(options: DemoOptions): ResolvedDemoOptions {
  const parsed = DemoOptionsSchema.parse(options);
  return { ...parsed, endAt: parsed.endAt ?? DEFAULT_END_AT };
}
