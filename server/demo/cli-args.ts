import { parseArgs } from "node:util";
import { z } from "zod";

export const DEMO_USAGE = `Usage: npm run demo -- [--customers N] [--days D] [--seed S] [--end YYYY-MM-DD] [--reset]
  --customers  customers to generate (1..2000000, default 5000)
  --days       days of history ending at --end (14..1500, default 365)
  --seed       integer seed; same seed and options give identical rows (default 42)
  --end        last day (exclusive, UTC) of the simulated window (default: today)
  --reset      empty customers, products, events and demo tables first
               (TRUNCATE ... CASCADE: rows referencing them, e.g. features, assignments, go too)`;

const ArgsSchema = z.object({
  customers: z.coerce.number({ error: "--customers must be a number" }).int("--customers must be a whole number").min(1, "--customers must be at least 1").max(2_000_000, "--customers must be at most 2000000").default(5000),
  days: z.coerce.number({ error: "--days must be a number" }).int("--days must be a whole number").min(14, "--days must be at least 14").max(1500, "--days must be at most 1500").default(365),
  seed: z.coerce.number({ error: "--seed must be a number" }).int("--seed must be a whole number").min(-2147483648).max(2147483647, "--seed must fit in 32 bits").default(42),
  end: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "--end must look like 2026-01-01")
    .transform((value) => new Date(`${value}T00:00:00Z`))
    .refine((date) => !Number.isNaN(date.getTime()), "--end is not a real date")
    .optional(),
  reset: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type DemoCliArgs = z.infer<typeof ArgsSchema>;

/** Parses argv; throws an Error whose message lists every problem and the usage. */
export function parseDemoArgs(argv: string[]): DemoCliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        customers: { type: "string" },
        days: { type: "string" },
        seed: { type: "string" },
        end: { type: "string" },
        reset: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${DEMO_USAGE}`);
  }
  const result = ArgsSchema.safeParse(values);
  if (!result.success) {
    throw new Error(`${result.error.issues.map((issue) => `  ${issue.message}`).join("\n")}\n\n${DEMO_USAGE}`);
  }
  return result.data;
}
