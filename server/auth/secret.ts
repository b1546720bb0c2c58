import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Env } from "../env";

export const SECRET_FILE = "nextauth-secret";

/**
 * NEXTAUTH_SECRET from the environment; in demo mode (or outside production) one is generated
 * once into the data folder so sessions survive restarts. Production without demo mode refuses
 * to run without it, and the message says how to make one (never to turn demo mode on).
 */
export function resolveAuthSecret(config: Env): string {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  if (config.NODE_ENV === "production" && !config.demoMode) {
    throw new Error(
      "NEXTAUTH_SECRET is required in production mode: set it to at least 32 random characters, e.g. NEXTAUTH_SECRET=$(openssl rand -base64 32)",
    );
  }
  const file = path.resolve(config.STRATUM_DATA_DIR, SECRET_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
