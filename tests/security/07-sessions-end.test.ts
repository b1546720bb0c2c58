import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { parseEnv } from "../../server/env";
import { buildAuthOptions } from "../../server/auth/options";
import { currentStaff } from "../../server/auth/session";
import { changeOwnPassword, createStaff, setStaffDisabled, setStaffRole } from "../../server/staff/staff.service";
import { AuthClient } from "../auth/next-auth-driver";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

describe(`finding 07: sign-out does not end the session (${engineUnderTest})`, () => {
  let database: Database;
  let options: ReturnType<typeof buildAuthOptions>;
  let admin: { id: string; email: string };
  let ann: { id: string; email: string };
  const password = "a long enough passphrase";

  beforeAll(async () => {
    database = await openTestDatabase();
    options = buildAuthOptions(parseEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: "s".repeat(40) }), async () => database);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    admin = await createStaff(database.db, null, { email: "root@example.com", name: "Root", role: "admin", password });
    ann = await createStaff(database.db, null, { email: "ann@example.com", name: "Ann", role: "marketer", password });
  });

  async function signedIn(): Promise<AuthClient> {
    const client = new AuthClient(options);
    expect(await client.signIn("ann@example.com", password)).toBeNull();
    expect(await currentStaff(database, () => client.session())).toMatchObject({ id: ann.id, role: "marketer" });
    return client;
  }

  it("a cookie kept from before sign-out no longer signs anyone in", async () => {
    const browser = await signedIn();
    const kept = browser.clone();
    await browser.signOut();
    expect(await currentStaff(database, () => browser.session())).toBeNull();
    // The kept cookie still carries a validly signed JWT: next-auth alone would accept it.
    expect((await kept.session())?.user?.id).toBe(ann.id);
    expect(await currentStaff(database, () => kept.session())).toBeNull();
    // Signing in again works, and a void token cannot sign the new session out.
    const again = await signedIn();
    await kept.signOut();
    expect(await currentStaff(database, () => again.session())).toMatchObject({ id: ann.id });
  });

  it("a role change ends the sessions the account holds", async () => {
    const browser = await signedIn();
    await setStaffRole(database.db, admin, ann.id, "manager");
    expect(await currentStaff(database, () => browser.session())).toBeNull();
    const fresh = new AuthClient(options);
    expect(await fresh.signIn("ann@example.com", password)).toBeNull();
    expect(await currentStaff(database, () => fresh.session())).toMatchObject({ id: ann.id, role: "manager" });
  });

  it("disabling the account ends its sessions, and enabling it does not revive them", async () => {
    const browser = await signedIn();
    await setStaffDisabled(database.db, admin, ann.id, true);
    expect(await currentStaff(database, () => browser.session())).toBeNull();
    await setStaffDisabled(database.db, admin, ann.id, false);
    expect(await currentStaff(database, () => browser.session())).toBeNull();
  });

  it("a password change ends the sessions the account holds, the one it was made in included", async () => {
    const laptop = await signedIn();
    const phone = await signedIn();
    await changeOwnPassword(database.db, ann, { currentPassword: password, newPassword: "a brand new passphrase" });
    expect(await currentStaff(database, () => laptop.session())).toBeNull();
    expect(await currentStaff(database, () => phone.session())).toBeNull();
  });

  it("a token without a session version (issued before this check) is refused", async () => {
    const browser = await signedIn();
    const session = await browser.session();
    expect(session?.user?.sessionVersion).toBeTypeOf("number");
    const legacy = { ...session!, user: { ...session!.user, sessionVersion: undefined } };
    expect(await currentStaff(database, async () => legacy)).toBeNull();
  });
});
