import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { authenticate } from "../../server/auth/sign-in";
import { buildAuthOptions } from "../../server/auth/options";
import { parseEnv } from "../../server/env";
import { AuthClient } from "../auth/next-auth-driver";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`finding 20: the audit log stores whatever was typed as the e-mail (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const failedSignIns = () => database.query<{ actor_email: string | null; detail: unknown }>(`SELECT actor_email, detail FROM audit_log WHERE action = 'auth.sign_in_failed' ORDER BY id`);

  it("a password typed into the email field is stored as a short hash marker, never as typed", async () => {
    const typed = "Tr0ub4dor&3-my-real-password";
    await authenticate(database.db, typed, "whatever");
    const client = new AuthClient(buildAuthOptions(parseEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: "s".repeat(40) }), async () => database));
    expect(await client.signIn("another secret pass phrase", "whatever")).toBe("invalid");

    const rows = await failedSignIns();
    expect(rows.map((r) => r.actor_email)).toEqual([expect.stringMatching(/^invalid:[0-9a-f]{8}$/), expect.stringMatching(/^invalid:[0-9a-f]{8}$/)]);
    const everything = JSON.stringify(await database.query(`SELECT * FROM audit_log`)).toLowerCase();
    expect(everything).not.toContain("tr0ub4dor");
    expect(everything).not.toContain("secret pass");
    // The same text gives the same marker, so repeated attempts can still be grouped.
    await authenticate(database.db, typed, "again");
    const after = await failedSignIns();
    expect(after[2]?.actor_email).toBe(after[0]?.actor_email);
  });

  it("an unknown address in valid email format is kept (lower-cased) so attacks on it can be seen", async () => {
    await authenticate(database.db, "  Nobody@Example.com ", "whatever");
    const rows = await failedSignIns();
    expect(rows.at(-1)?.actor_email).toBe("nobody@example.com");
  });
});
