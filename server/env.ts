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
  /**
   * Demo mode creates the published demo accounts; with NODE_ENV=production and a DATABASE_URL it
   * is refused unless this is set (a throwaway server database for a public demo, say).
   */
  STRATUM_ALLOW_DEMO_IN_PRODUCTION: booleanFlag.default(false),
  STRATUM_DEMO_CUSTOMERS: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  STRATUM_DEMO_DAYS: z.coerce.number().int().min(30).max(1500).default(365),
  STRATUM_DEMO_SEED: z.coerce.number().int().default(42),
  STRATUM_ADMIN_EMAIL: z.email("STRATUM_ADMIN_EMAIL must be an email address").optional(),
  STRATUM_ADMIN_PASSWORD: z
    .string()
    .min(12, "STRATUM_ADMIN_PASSWORD must be at least 12 characters")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Session cookies without the Secure flag: only for a plain-http trial (server/auth/cookies.ts). */
  STRATUM_INSECURE_COOKIES: booleanFlag.default(false),
  /**
   * Admins must turn on two-factor sign-in (TOTP): until they do, a signed-in admin sees only the
   * Account screen with the enrolment form and every other procedure refuses.
   */
  STRATUM_REQUIRE_2FA: booleanFlag.default(false),
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

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
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
  if (demoMode && env.NODE_ENV === "production" && env.DATABASE_URL !== undefined && !env.STRATUM_ALLOW_DEMO_IN_PRODUCTION) {
    throw new Error(
      "Invalid environment:\n  STRATUM_DEMO: demo mode is refused with NODE_ENV=production and a DATABASE_URL: it would create the " +
        "published demo accounts (and their passwords) on that database. Unset STRATUM_DEMO, or, only for a throwaway " +
        "demo database, set STRATUM_ALLOW_DEMO_IN_PRODUCTION=1.",
    );
  }
  if (
    env.NODE_ENV === "production" &&
    !demoMode &&
    !env.STRATUM_INSECURE_COOKIES &&
    env.NEXTAUTH_URL?.startsWith("http://") &&
    !isLoopback(env.NEXTAUTH_URL)
  ) {
    throw new Error(
      "Invalid environment:\n  NEXTAUTH_URL: a plain http:// public URL in production would send the session cookie unencrypted. " +
        "Serve Stratum behind TLS and set NEXTAUTH_URL=https://…, or, only for a plain-http trial, set STRATUM_INSECURE_COOKIES=1.",
    );
  }
  return { ...env, demoMode };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
