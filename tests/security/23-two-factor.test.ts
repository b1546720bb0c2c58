import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { parseEnv } from "../../server/env";
import { buildAuthOptions } from "../../server/auth/options";
import { currentStaff, type SessionUser } from "../../server/auth/session";
import { authenticate, MAX_FAILED_ATTEMPTS } from "../../server/auth/sign-in";
import { base32Decode, base32Encode, otpauthUri, totp, verifyTotp } from "../../server/auth/totp";
import { open, seal, deriveKey } from "../../server/auth/secret-box";
import { confirmTwoFactor } from "../../server/auth/two-factor.service";
import { createStaff } from "../../server/staff/staff.service";
import { AuthClient } from "../auth/next-auth-driver";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

// The seeds are sealed under a key derived from this secret (env() reads it when first needed).
const SECRET = "two-factor test secret, at least 32 characters long";
process.env.NEXTAUTH_SECRET = SECRET;

const PASSWORD = "a long enough passphrase";
const STEP_MS = 30_000;
const failure = (call: Promise<unknown>) => call.then(() => null, (error: unknown) => error as TRPCError);

/** Posts the login form with a code, as the login page does; resolves to the error code or null. */
async function signInWithCode(client: AuthClient, email: string, password: string, code?: string): Promise<string | null> {
  const { body: csrf } = await client.call("GET", ["csrf"]);
  const form: Record<string, string> = { email, password, csrfToken: (csrf as { csrfToken: string }).csrfToken, json: "true" };
  if (code !== undefined) form.code = code;
  const { body } = await client.call("POST", ["callback", "credentials"], form);
  return new URL((body as { url: string }).url, "http://localhost:3000").searchParams.get("error");
}

describe(`finding 23: two-factor sign-in (${engineUnderTest})`, () => {
  let database: Database;
  let ann: SessionUser;
  let asAnn: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    const made = await createStaff(database.db, null, { email: "ann@example.com", name: "Ann", role: "admin", password: PASSWORD });
    ann = { id: made.id, email: made.email, name: made.name, role: "admin" };
    asAnn = createCaller({ db: database.db, user: ann });
  });

  const audit = async () =>
    (await database.query<{ action: string; detail: Record<string, unknown> }>(`SELECT action, detail FROM audit_log ORDER BY id`)).map((row) => row.action);
  const failedCount = async () =>
    Number((await database.query<{ n: number }>(`SELECT failed_login_count AS n FROM staff WHERE email = 'ann@example.com'`))[0]?.n);

  /** Enrols Ann with her confirming code taken two steps before `now`, so codes from `now` on are fresh. */
  async function enrol(now = Date.now()) {
    const begun = await asAnn.staff.twoFactor.begin();
    const seed = base32Decode(begun.secret);
    const confirmed = await confirmTwoFactor(database.db, ann, totp(seed, now - 2 * STEP_MS), new Date(now - 2 * STEP_MS));
    return { seed, begun, recoveryCodes: confirmed.recoveryCodes };
  }

  it("TOTP matches the RFC 6238 appendix B vectors (SHA-1, 8 digits) and base32 round-trips", () => {
    const seed = Buffer.from("12345678901234567890", "ascii");
    const vectors: Array<[number, string]> = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(totp(seed, seconds * 1000, 8), String(seconds)).toBe(code);
    expect(base32Encode(seed)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq").equals(seed)).toBe(true);
    // ±1 step accepted, two steps off refused.
    const at = 1_700_000_000_000;
    expect(verifyTotp(seed, totp(seed, at - STEP_MS), at)).not.toBeNull();
    expect(verifyTotp(seed, totp(seed, at + STEP_MS), at)).not.toBeNull();
    expect(verifyTotp(seed, totp(seed, at - 2 * STEP_MS), at)).toBeNull();
    expect(otpauthUri({ secret: "ABC", account: "ann@example.com", issuer: "Stratum" })).toBe(
      "otpauth://totp/Stratum:ann%40example.com?secret=ABC&issuer=Stratum&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("the seed is stored sealed (AES-256-GCM), never in clear", async () => {
    const { begun } = await enrol();
    const [row] = await database.query<{ totp_secret: string }>(`SELECT totp_secret FROM staff WHERE id = '${ann.id}'`);
    expect(row?.totp_secret).toMatch(/^v1\./);
    expect(row?.totp_secret).not.toContain(begun.secret);
    const key = deriveKey(SECRET, "stratum/totp-seed/v1");
    expect(open(key, row!.totp_secret, `staff:${ann.id}`)).toBe(begun.secret);
    expect(open(deriveKey("another secret of at least 32 chars!", "stratum/totp-seed/v1"), row!.totp_secret, `staff:${ann.id}`)).toBeNull();
    expect(open(key, seal(key, "x", "staff:a"), "staff:b")).toBeNull();
  });

  it("enrol and confirm: pending until a right code, then on with 10 recovery codes shown once", async () => {
    expect(await asAnn.staff.twoFactor.status()).toMatchObject({ enabled: false, pending: false });
    const begun = await asAnn.staff.twoFactor.begin();
    expect(begun.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begun.uri).toMatch(/^otpauth:\/\/totp\/Stratum:ann%40example\.com\?secret=[A-Z2-7]{32}&issuer=Stratum/);
    expect(await asAnn.staff.twoFactor.status()).toMatchObject({ enabled: false, pending: true });
    // Until confirmed, sign-in needs no code.
    expect((await authenticate(database.db, "ann@example.com", PASSWORD)).ok).toBe(true);

    const wrong = await failure(asAnn.staff.twoFactor.confirm({ code: "000000" === totp(base32Decode(begun.secret)) ? "111111" : "000000" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST" });
    expect(wrong?.message).toMatch(/^code /);
    const malformed = await failure(asAnn.staff.twoFactor.confirm({ code: "12ab" }));
    expect(malformed?.message).toMatch(/code must be the 6-digit code/);

    const confirmed = await asAnn.staff.twoFactor.confirm({ code: totp(base32Decode(begun.secret)) });
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(await asAnn.staff.twoFactor.status()).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    // Only hashes are stored.
    const stored = await database.query<{ code_hash: string }>(`SELECT code_hash FROM staff_recovery_codes`);
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(confirmed.recoveryCodes).not.toContain(row.code_hash);
    // Enrolling again needs turning it off first.
    expect((await failure(asAnn.staff.twoFactor.begin()))?.code).toBe("PRECONDITION_FAILED");
  });

  it("sign-in: no code → 2fa_required; wrong code → invalid and counted; right code → signed in", async () => {
    const { seed } = await enrol();
    const options = buildAuthOptions(parseEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: SECRET }), async () => database);
    const browser = new AuthClient(options);

    expect(await signInWithCode(browser, "ann@example.com", PASSWORD)).toBe("2fa_required");
    expect(await currentStaff(database, () => browser.session())).toBeNull();
    // A wrong password with no code is the generic answer (2fa_required only follows the right password).
    expect(await signInWithCode(browser, "ann@example.com", "not the passphrase")).toBe("invalid");
    const before = await failedCount();
    const wrongCode = totp(seed) === "123456" ? "654321" : "123456";
    expect(await signInWithCode(browser, "ann@example.com", PASSWORD, wrongCode)).toBe("invalid");
    expect(await failedCount()).toBe(before + 1);

    expect(await signInWithCode(browser, "ann@example.com", PASSWORD, totp(seed))).toBeNull();
    expect(await currentStaff(database, () => browser.session())).toMatchObject({ id: ann.id });
    expect(await failedCount()).toBe(0);
    const actions = await audit();
    expect(actions).toContain("auth.2fa_required");
    expect(actions).toContain("auth.2fa_failed");
    expect(actions.at(-1)).toBe("auth.sign_in");
  });

  it("wrong codes count under the lockout: the fifth locks, then even the right code is refused", async () => {
    const now = Date.now();
    const { seed } = await enrol(now);
    const at = new Date(now);
    const right = totp(seed, now);
    const wrong = right === "000000" ? "999999" : "000000";
    for (let i = 1; i <= MAX_FAILED_ATTEMPTS; i++) expect(await authenticate(database.db, "ann@example.com", PASSWORD, at, wrong)).toEqual({ ok: false, reason: "invalid" });
    expect((await audit()).filter((a) => a === "auth.2fa_failed")).toHaveLength(MAX_FAILED_ATTEMPTS - 1);
    expect(await audit()).toContain("auth.locked");
    expect(await authenticate(database.db, "ann@example.com", PASSWORD, at, right)).toEqual({ ok: false, reason: "invalid" });
  });

  it("a code is accepted once: the same code (or an older step) is refused as a replay", async () => {
    const now = Date.now();
    const { seed } = await enrol(now);
    const at = new Date(now);
    const code = totp(seed, now);
    expect((await authenticate(database.db, "ann@example.com", PASSWORD, at, code)).ok).toBe(true);
    expect(await authenticate(database.db, "ann@example.com", PASSWORD, at, code)).toEqual({ ok: false, reason: "invalid" });
    // The previous step's code is still inside the ±1 window, but older than the one used.
    expect(await authenticate(database.db, "ann@example.com", PASSWORD, new Date(now + STEP_MS), totp(seed, now - STEP_MS))).toEqual({ ok: false, reason: "invalid" });
    // Two requests with the same fresh code at once: one wins.
    const next = totp(seed, now + STEP_MS);
    const both = await Promise.all([1, 2].map(() => authenticate(database.db, "ann@example.com", PASSWORD, new Date(now + STEP_MS), next)));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
  });

  it("a recovery code works once (any case, with or without the hyphen) and is audited", async () => {
    const { recoveryCodes } = await enrol();
    const first = recoveryCodes[0]!;
    expect((await authenticate(database.db, "ann@example.com", PASSWORD, new Date(), first.toUpperCase().replace("-", " "))).ok).toBe(true);
    expect(await authenticate(database.db, "ann@example.com", PASSWORD, new Date(), first)).toEqual({ ok: false, reason: "invalid" });
    expect(await asAnn.staff.twoFactor.status()).toMatchObject({ recoveryCodesLeft: 9 });
    expect(await audit()).toContain("auth.2fa_recovery_used");
    expect((await authenticate(database.db, "ann@example.com", PASSWORD, new Date(), recoveryCodes[1])).ok).toBe(true);
  });

  it("turning it off needs the password and a code; an admin can reset someone else's", async () => {
    const now = Date.now();
    const { seed, recoveryCodes } = await enrol(now);
    const wrongCode = await failure(asAnn.staff.twoFactor.disable({ currentPassword: PASSWORD, code: totp(seed) === "000000" ? "111111" : "000000" }));
    expect(wrongCode).toMatchObject({ code: "BAD_REQUEST" });
    expect(wrongCode?.message).toMatch(/^code /);
    const wrongPassword = await failure(asAnn.staff.twoFactor.disable({ currentPassword: "not the passphrase", code: recoveryCodes[0]! }));
    expect(wrongPassword).toMatchObject({ code: "BAD_REQUEST", message: "currentPassword is not your current password" });
    expect(await asAnn.staff.twoFactor.disable({ currentPassword: PASSWORD, code: recoveryCodes[1]! })).toEqual({ enabled: false });
    expect((await authenticate(database.db, "ann@example.com", PASSWORD)).ok).toBe(true);

    // Reset by another admin: Bob's 2FA is off, his sessions end; a marketer may not reset.
    const bob = await createStaff(database.db, null, { email: "bob@example.com", name: "Bob", role: "manager", password: PASSWORD });
    const asBob = createCaller({ db: database.db, user: { id: bob.id, email: bob.email, name: bob.name, role: "manager" } });
    const bobBegun = await asBob.staff.twoFactor.begin();
    await asBob.staff.twoFactor.confirm({ code: totp(base32Decode(bobBegun.secret)) });
    expect((await failure(asBob.staff.twoFactor.reset({ id: ann.id })))?.code).toBe("FORBIDDEN");
    expect((await failure(asAnn.staff.twoFactor.reset({ id: "nope" })))?.message).toMatch(/id must be a staff id/);
    expect(await asAnn.staff.twoFactor.reset({ id: bob.id })).toEqual({ id: bob.id, enabled: false });
    expect((await authenticate(database.db, "bob@example.com", PASSWORD)).ok).toBe(true);
    const actions = await audit();
    for (const action of ["auth.2fa_enrol_started", "auth.2fa_enabled", "auth.2fa_disabled", "auth.2fa_reset"]) expect(actions, action).toContain(action);
  });

  it("STRATUM_REQUIRE_2FA: an admin without it sees only the account procedures until enrolled", async () => {
    expect(parseEnv({ STRATUM_REQUIRE_2FA: "1" }).STRATUM_REQUIRE_2FA).toBe(true);
    expect(parseEnv({}).STRATUM_REQUIRE_2FA).toBe(false);
    const marketer = await createStaff(database.db, null, { email: "max@example.com", name: "Max", role: "marketer", password: PASSWORD });

    const options = buildAuthOptions(parseEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: SECRET }), async () => database);
    const browser = new AuthClient(options);
    expect(await signInWithCode(browser, "ann@example.com", PASSWORD)).toBeNull();
    const forced = await currentStaff(database, () => browser.session(), true);
    expect(forced).toMatchObject({ id: ann.id, mustEnrolTwoFactor: true });
    // Without the setting, the same admin is not forced.
    expect(await currentStaff(database, () => browser.session(), false)).toMatchObject({ mustEnrolTwoFactor: false });

    const asForced = createCaller({ db: database.db, user: forced });
    const blocked = await failure(asForced.staff.list({}));
    expect(blocked).toMatchObject({ code: "FORBIDDEN" });
    expect(blocked?.message).toMatch(/Turn on two-factor sign-in first/);
    expect((await failure(asForced.segments.list({})))?.code).toBe("FORBIDDEN");

    // Other roles are not forced.
    const maxClient = new AuthClient(options);
    expect(await signInWithCode(maxClient, "max@example.com", PASSWORD)).toBeNull();
    expect(await currentStaff(database, () => maxClient.session(), true)).toMatchObject({ id: marketer.id, mustEnrolTwoFactor: false });

    // Enrolment is open, and once confirmed (which ends the session) the admin is let through.
    const begun = await asForced.staff.twoFactor.begin();
    const { recoveryCodes } = await asForced.staff.twoFactor.confirm({ code: totp(base32Decode(begun.secret)) });
    expect(await currentStaff(database, () => browser.session(), true)).toBeNull();
    const again = new AuthClient(options);
    expect(await signInWithCode(again, "ann@example.com", PASSWORD)).toBe("2fa_required");
    expect(await signInWithCode(again, "ann@example.com", PASSWORD, recoveryCodes[0])).toBeNull();
    const enrolled = await currentStaff(database, () => again.session(), true);
    expect(enrolled).toMatchObject({ id: ann.id, mustEnrolTwoFactor: false });
    expect((await createCaller({ db: database.db, user: enrolled }).staff.list({})).total).toBe(2);
  });
});
