import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Hash of the migrations folder, so a cached template is rebuilt whenever a migration changes. */
export function migrationsFingerprint(folder = path.resolve("drizzle")): string {
  const hash = crypto.createHash("sha256");
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else hash.update(name).update(fs.readFileSync(full));
    }
  };
  walk(folder);
  return hash.digest("hex").slice(0, 16);
}

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
