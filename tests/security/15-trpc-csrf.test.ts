import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "../../server/db/client";
import type { Context } from "../../server/api/trpc";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

// The real /api/trpc route handler; only the session lookup is replaced by a signed-in admin.
const holder = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock("../../server/api/context", () => ({ createContext: async () => holder.ctx }));

const { POST } = await import("../../app/api/trpc/[trpc]/route");

const APP = "http://stratum.test";
const EVIL = "https://evil.example";

function post(body: BodyInit, headers: Record<string, string>): Promise<Response> {
  return POST(new Request(`${APP}/api/trpc/features.refresh`, { method: "POST", headers: { host: "stratum.test", ...headers }, body }));
}

function multipart(): FormData {
  const form = new FormData();
  form.set("anything", "1");
  return form;
}

describe(`finding 15: tRPC mutations refuse a foreign Origin and any body that is not JSON (${engineUnderTest})`, () => {
  let database: Database;
  async function refreshesRequested(): Promise<number> {
    const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'features.refresh'`);
    return rows[0]?.n ?? -1;
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    const admin = await createStaff(database.db, null, { email: "admin15@example.com", name: "Admin", role: "admin", password: "an admin password 15" });
    holder.ctx = { db: database.db, user: { id: admin.id, email: admin.email, name: admin.name, role: "admin" } } satisfies Context;
  });
  beforeEach(async () => {
    await database.query(`DELETE FROM jobs`);
    await database.query(`DELETE FROM audit_log WHERE action = 'features.refresh'`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("a cross-site multipart form post (a CSRF) is refused with 403 and runs nothing", async () => {
    const response = await post(multipart(), { origin: EVIL, "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.data.code).toBe("FORBIDDEN");
    expect(body.error.json.message).toContain(EVIL);
    expect(await refreshesRequested()).toBe(0);
  });

  it("a foreign Origin is refused even with a JSON body", async () => {
    const response = await post(JSON.stringify({}), { "content-type": "application/json", origin: EVIL });
    expect(response.status).toBe(403);
    expect(await refreshesRequested()).toBe(0);
  });

  it("a cross-site request without Origin is refused by Sec-Fetch-Site", async () => {
    const response = await post(JSON.stringify({}), { "content-type": "application/json", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
    expect(await refreshesRequested()).toBe(0);
  });

  it.each([
    ["multipart/form-data", multipart()],
    ["text/plain", "{}"],
    ["application/x-www-form-urlencoded", "a=1"],
  ] as const)("a same-origin %s mutation is refused with 415 and runs nothing", async (type, body) => {
    const headers: Record<string, string> = { origin: APP };
    if (typeof body === "string") headers["content-type"] = type;
    const response = await post(body, headers);
    expect(response.status).toBe(415);
    const json = (await response.json()) as { error: { json: { message: string } } };
    expect(json.error.json.message).toContain("application/json");
    expect(await refreshesRequested()).toBe(0);
  });

  it("the app's own JSON mutation still runs, with or without a charset", async () => {
    const first = await post(JSON.stringify({}), { "content-type": "application/json", origin: APP, "sec-fetch-site": "same-origin" });
    expect(first.status).toBe(200);
    expect(await refreshesRequested()).toBe(1);
    await database.query(`DELETE FROM jobs`);
    const second = await post(JSON.stringify({}), { "content-type": "application/json; charset=utf-8" });
    expect(second.status).toBe(200); // no Origin: a script or server, not a browser, so no CSRF
    expect(await refreshesRequested()).toBe(2);
  });
});
