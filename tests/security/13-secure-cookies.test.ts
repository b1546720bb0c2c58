import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { parseEnv } from "../../server/env";
import { buildAuthOptions } from "../../server/auth/options";
import { currentStaff } from "../../server/auth/session";
import { createStaff } from "../../server/staff/staff.service";
import { AuthClient } from "../auth/next-auth-driver";
import { engineUnderTest, openTestDatabase } from "../support/db";

const SECRET = "s".repeat(40);
const SERVER_DB = "postgres://stratum@127.0.0.1:1/nowhere";
const PASSWORD = "a long enough passphrase";

describe(`finding 13: session cookie never Secure (${engineUnderTest})`, () => {
  let database: Database;
  let ann: { id: string };
  beforeAll(async () => {
    database = await openTestDatabase();
    ann = await createStaff(database.db, null, { email: "ann@example.com", name: "Ann", role: "marketer", password: PASSWORD });
  });
  afterAll(async () => {
    await database.close();
  });

  /** Signs in through next-auth with this environment; returns the Set-Cookie header of the session cookie. */
  async function sessionCookie(source: Record<string, string>) {
    const options = buildAuthOptions(parseEnv({ NEXTAUTH_SECRET: SECRET, ...source }), async () => database);
    const client = new AuthClient(options);
    expect(await client.signIn("ann@example.com", PASSWORD)).toBeNull();
    expect(await currentStaff(database, () => client.session())).toMatchObject({ id: ann.id });
    const cookie = client.sessionCookie();
    expect(cookie).toBeDefined();
    return { cookie: cookie!, all: client.setCookies };
  }

  const isSecure = (attributes: string[]) => attributes.some((a) => a.toLowerCase() === "secure");

  it("is Secure (and __Secure- prefixed, HttpOnly, SameSite=Lax) when the public URL is https", async () => {
    const { cookie, all } = await sessionCookie({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, NEXTAUTH_URL: "https://stratum.example.com" });
    expect(cookie.name).toBe("__Secure-next-auth.session-token");
    expect(isSecure(cookie.attributes)).toBe(true);
    expect(cookie.attributes.map((a) => a.toLowerCase())).toEqual(expect.arrayContaining(["httponly", "samesite=lax"]));
    // Every cookie next-auth sets (CSRF, callback URL) is Secure too.
    expect(all.filter((c) => c.value !== "").every((c) => isSecure(c.attributes))).toBe(true);
  });

  it("is Secure in a production deployment even when NEXTAUTH_URL is left unset or on loopback", async () => {
    expect(isSecure((await sessionCookie({ NODE_ENV: "production", DATABASE_URL: SERVER_DB })).cookie.attributes)).toBe(true);
    expect(isSecure((await sessionCookie({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, NEXTAUTH_URL: "http://localhost:3000" })).cookie.attributes)).toBe(true);
  });

  it("refuses a plain-http public URL in production, naming the variable and the opt-out", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, NEXTAUTH_URL: "http://stratum.example.com" })).toThrow(
      /NEXTAUTH_URL: a plain http:\/\/ public URL in production[\s\S]*STRATUM_INSECURE_COOKIES=1/,
    );
  });

  it("is plain only with the explicit opt-out, or for the embedded demo on plain http", async () => {
    const optedOut = await sessionCookie({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, NEXTAUTH_URL: "http://stratum.example.com", STRATUM_INSECURE_COOKIES: "1" });
    expect(optedOut.cookie.name).toBe("next-auth.session-token");
    expect(isSecure(optedOut.cookie.attributes)).toBe(false);
    const demo = await sessionCookie({ NODE_ENV: "production", NEXTAUTH_URL: "http://127.0.0.1:3100" });
    expect(isSecure(demo.cookie.attributes)).toBe(false);
    // The opt-out cannot weaken an https URL.
    const https = await sessionCookie({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, NEXTAUTH_URL: "https://x.example.com", STRATUM_INSECURE_COOKIES: "1" });
    expect(isSecure(https.cookie.attributes)).toBe(true);
  });
});
