import { z } from "zod";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((value) => value === "1" || value === "true" || value === "yes");

const limit = (name: string, fallback: number) =>
  z.coerce.number().int().min(1, `${name} must be at least 1`).max(1_000_000, `${name} must be at most 1000000`).default(fallback);
const windowSeconds = (name: string, fallback: number) =>
  z.coerce.number().int().min(1, `${name} must be at least 1 second`).max(86_400, `${name} must be at most 86400 seconds (a day)`).default(fallback);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  STRATUM_DATA_DIR: z.string().min(1).default(".data"),
  STRATUM_DEMO: booleanFlag.optional(),
  STRATUM_DEMO_CUSTOMERS: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  STRATUM_DEMO_DAYS: z.coerce.number().int().min(30).max(1500).default(365),
  STRATUM_DEMO_SEED: z.coerce.number().int().default(42),
  STRATUM_ADMIN_EMAIL: z.email("STRATUM_ADMIN_EMAIL must be an email address").optional(),
  STRATUM_ADMIN_PASSWORD: z
    .string()
    .min(10, "STRATUM_ADMIN_PASSWORD must be at least 10 characters")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  STRATUM_WORKER: booleanFlag.default(true),
  /** Audience exports smaller than this are refused: a tiny list can single people out. */
  STRATUM_EXPORT_MIN_SIZE: z.coerce.number().int().min(1, "STRATUM_EXPORT_MIN_SIZE must be at least 1").max(1_000_000).default(50),
  /** Sign-in attempts (right or wrong) allowed per client IP, and per typed e-mail, in each window. */
  STRATUM_SIGNIN_LIMIT_PER_IP: limit("STRATUM_SIGNIN_LIMIT_PER_IP", 60),
  STRATUM_SIGNIN_LIMIT_PER_ACCOUNT: limit("STRATUM_SIGNIN_LIMIT_PER_ACCOUNT", 20),
  STRATUM_SIGNIN_WINDOW_SECONDS: windowSeconds("STRATUM_SIGNIN_WINDOW_SECONDS", 900),
  /** Ingestion API requests allowed per API key, and per client IP, in each window. */
  STRATUM_INGEST_LIMIT_PER_KEY: limit("STRATUM_INGEST_LIMIT_PER_KEY", 120),
  STRATUM_INGEST_LIMIT_PER_IP: limit("STRATUM_INGEST_LIMIT_PER_IP", 240),
  STRATUM_INGEST_WINDOW_SECONDS: windowSeconds("STRATUM_INGEST_WINDOW_SECONDS", 60),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0 = none). */
  STRATUM_TRUSTED_PROXIES: z.coerce.number().int().min(0, "STRATUM_TRUSTED_PROXIES must be 0 or more").max(10, "STRATUM_TRUSTED_PROXIES must be at most 10").default(0),
});

export type Env = z.infer<typeof EnvSchema> & { demoMode: boolean };

function blankToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) out[key] = value === "" ? undefined : value;
  return out;
}

/** Parses the environment; throws one error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(blankToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  // Demo mode is the embedded default: no database server configured means a local trial.
  const demoMode = env.STRATUM_DEMO ?? env.DATABASE_URL === undefined;
  return { ...env, demoMode };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
