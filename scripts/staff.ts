import { parseArgs } from "node:util";
import { z } from "zod";
import { migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";
import { createStaff, findStaffByEmail, listStaff, setStaffPassword, updateStaff, ZCreateStaff, ZSetPassword } from "../server/staff";
import { recordAudit } from "../server/audit";

const USAGE = `Usage:
  npm run staff -- create --email <email> --name <name> --role <marketer|manager|admin> --password <password>
  npm run staff -- set-password --email <email> --password <password>
  npm run staff -- list
  npm run staff -- unlock --email <email>

Passwords: at least 12 characters, not the email address, not a well-known password. A password set
here must be changed by its owner at the first sign-in.`;

const COMMANDS = ["create", "set-password", "list", "unlock"];

/** Checks the arguments before the database is opened; prints each problem as `--field: message`. */
function validate<T>(schema: z.ZodType<T>, values: unknown): T | undefined {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  process.exitCode = 2;
  return undefined;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
  });
  const command = positionals[0];
  if (!command || !COMMANDS.includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const createInput = command === "create" ? validate(ZCreateStaff, values) : undefined;
  const passwordInput = command === "set-password" ? validate(ZSetPassword, values) : undefined;
  if (process.exitCode === 2) return;

  const config = parseEnv();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STRATUM_DATA_DIR });
  try {
    await migrate(database);
    if (createInput) {
      const created = await createStaff(database.db, null, createInput, { mustChangePassword: true });
      console.log(`Created ${created.role} ${created.email} (the password must be changed at the first sign-in)`);
    } else if (passwordInput) {
      await setStaffPassword(database.db, null, passwordInput.email, passwordInput.password);
      console.log(`Password of ${passwordInput.email} set; its sessions ended, and it must be changed at the next sign-in`);
    } else if (command === "list") {
      const page = await listStaff(database.db, { page: 1, pageSize: 100, sort: "email", direction: "asc" });
      for (const row of page.rows) {
        console.log(`${row.email}\t${row.role}\t${row.disabled ? "disabled" : "enabled"}${row.lockedUntil && row.lockedUntil > new Date() ? "\tlocked" : ""}`);
      }
    } else {
      const email = z.email().parse(values.email?.toLowerCase());
      const account = await findStaffByEmail(database.db, email);
      if (!account) throw new Error(`No staff account with email ${email}`);
      await updateStaff(database.db, account.id, { failedLoginCount: 0, lockedUntil: null });
      await recordAudit(database.db, { actorEmail: "cli", action: "staff.unlock", target: email });
      console.log(`Unlocked ${email}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
