import { format } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "../../server/db/client";
import type { Context } from "../../server/api/trpc";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

/*
 * The real /api/trpc route handler, with only the session lookup replaced: the context is an
 * admin on this file's test database.
 */
const holder = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock("../../server/api/context", () => ({ createContext: async () => holder.ctx }));

const { POST } = await import("../../app/api/trpc/[trpc]/route");

const VICTIM = "victim.person@leak.example";

describe(`finding 14: internal errors reach the client generic, with an error id; the log keeps code and id, not SQL or parameters (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    const admin = await createStaff(database.db, null, { email: "admin14@example.com", name: "Admin", role: "admin", password: "an admin password 14" });
    holder.ctx = { db: database.db, user: { id: admin.id, email: admin.email, name: admin.name, role: "admin" } } satisfies Context;
    // Any insert of this address now fails inside the database, as a broken upsert would.
    await database.query(`ALTER TABLE staff ADD CONSTRAINT sec14_refuse CHECK (email NOT LIKE '%@leak.example')`);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await database.close();
  });

  it("a failed insert answers 500 with a generic message and an id that the log line also carries", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(format(...args));
    });
    const input = { email: VICTIM, name: "Victim Person", role: "marketer", password: "victim secret password" };
    const response = await POST(
      new Request("http://localhost/api/trpc/staff.create", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ json: input }),
      }),
    );
    spy.mockRestore();

    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { json: { message: string; data: { code: string; errorId?: string } } } };
    const { message, data } = body.error.json;
    expect(data.code).toBe("INTERNAL_SERVER_ERROR");
    // Nothing of the query, its parameters or the table reaches the client.
    for (const leak of [VICTIM, "Victim Person", "insert", 'into "staff"', "params", "sec14_refuse", "scrypt$", "victim secret password"]) {
      expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
    }
    const id = /error id ([0-9a-z-]{8,})/i.exec(message)?.[1];
    expect(id, `message "${message}" names an error id`).toBeDefined();
    expect(data.errorId).toBe(id);

    const log = logged.join("\n");
    expect(log).toContain(id);
    expect(log).toContain("INTERNAL_SERVER_ERROR");
    expect(log).toContain("staff.create");
    expect(log).toContain("23514"); // the SQLSTATE says what went wrong without saying with which data
    for (const leak of [VICTIM, "Victim Person", "insert into", "params:", "scrypt$", "victim secret password"]) {
      expect(log.toLowerCase()).not.toContain(leak.toLowerCase());
    }
  });

  it("domain errors keep their own message (the UI shows them as they are)", async () => {
    const response = await POST(
      new Request("http://localhost/api/trpc/staff.create", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost" },
        body: JSON.stringify({ json: { email: "admin14@example.com", name: "Dup", role: "marketer", password: "a duplicate password" } }),
      }),
    );
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe("A staff account with email admin14@example.com already exists");
  });
});
