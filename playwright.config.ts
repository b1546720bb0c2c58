import path from "node:path";
import { defineConfig } from "@playwright/test";

// Overridable so several checkouts on one machine can run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// The browser suite always runs on a fresh embedded database with a small demo set, never on a
// configured server database, so it cannot touch real data.
const serverEnv: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env)) if (value !== undefined) serverEnv[key] = value;
delete serverEnv.DATABASE_URL;
Object.assign(serverEnv, {
  STRATUM_DATA_DIR: path.resolve(".cache", "e2e-data"),
  STRATUM_DEMO: "1",
  STRATUM_DEMO_CUSTOMERS: "300",
  STRATUM_DEMO_DAYS: "120",
  STRATUM_DEMO_SEED: "7",
  PORT: String(PORT),
  NEXTAUTH_URL: baseURL,
  NEXT_TELEMETRY_DISABLED: "1",
  // The suite signs in some forty times from one address; tests/security/09 covers the limits.
  STRATUM_SIGNIN_LIMIT_PER_IP: "1000",
  STRATUM_SIGNIN_LIMIT_PER_ACCOUNT: "1000",
});

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "npx tsx scripts/start.ts --reset",
    url: `${baseURL}/login`,
    env: serverEnv,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
