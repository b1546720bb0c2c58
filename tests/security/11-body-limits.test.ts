import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "../../server/db/client";
import type { Context } from "../../server/api/trpc";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

// The real route handlers; only the tRPC session lookup is replaced by a signed-in admin.
const holder = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock("../../server/api/context", () => ({ createContext: async () => holder.ctx }));

const trpc = await import("../../app/api/trpc/[trpc]/route");
const auth = await import("../../app/api/auth/[...nextauth]/route");

const MB = 1024 * 1024;
const APP = "http://localhost:3000";

/** A body of `total` bytes made on demand, counting how many the server actually pulled. */
function meteredBody(total: number, fill = 0x20): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(fill);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const piece = chunk.subarray(0, Math.min(chunk.byteLength, total - sent));
      sent += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, pulled: () => sent };
}

function streamed(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): NextRequest {
  return new NextRequest(url, { method: "POST", headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}

const credentials = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };

describe(`finding 11: sign-in and tRPC bodies are capped at 1 MB before they are read (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    const admin = await createStaff(database.db, null, { email: "admin11@example.com", name: "Admin", role: "admin", password: "an admin password 11" });
    holder.ctx = { db: database.db, user: { id: admin.id, email: admin.email, name: admin.name, role: "admin" } } satisfies Context;
  });
  afterAll(async () => {
    await database.close();
  });

  it("an anonymous 50 MB sign-in POST without Content-Length is cut off after 1 MB with 413", async () => {
    const body = meteredBody(50 * MB, 0x61);
    // Outside Next.js the old handler reads the whole body and only then fails on cookies().
    const response = await auth
      .POST(streamed(`${APP}/api/auth/callback/credentials`, body.stream, { "content-type": "application/x-www-form-urlencoded" }), credentials)
      .catch((error: unknown) => error);
    expect(body.pulled(), "bytes the server pulled").toBeLessThanOrEqual(MB + 64 * 1024);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(413);
    expect(((await (response as Response).json()) as { error: string }).error).toMatch(/1 MB/);
  });

  it("a sign-in POST that declares 50 MB is refused before a byte is read", async () => {
    const body = meteredBody(50 * MB);
    const response = await auth
      .POST(
        streamed(`${APP}/api/auth/callback/credentials`, body.stream, { "content-type": "application/x-www-form-urlencoded", "content-length": String(50 * MB) }),
        credentials,
      )
      .catch((error: unknown) => error);
    expect(body.pulled(), "bytes the server pulled").toBeLessThanOrEqual(64 * 1024);
    expect((response as Response).status).toBe(413);
  });

  it("a signed-in 50 MB tRPC mutation is cut off after 1 MB with 413 and a message naming the limit", async () => {
    const body = meteredBody(50 * MB);
    const response = await trpc.POST(streamed(`${APP}/api/trpc/features.refresh`, body.stream, { "content-type": "application/json", host: "localhost:3000" }));
    expect(body.pulled(), "bytes the server pulled").toBeLessThanOrEqual(MB + 64 * 1024);
    expect(response.status).toBe(413);
    const json = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(json.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(json.error.json.message).toMatch(/1 MB/);
    expect(body.pulled()).toBeLessThanOrEqual(MB + 64 * 1024);
  });

  it("a tRPC POST that declares 50 MB is refused before a byte is read", async () => {
    const body = meteredBody(50 * MB);
    const response = await trpc.POST(
      streamed(`${APP}/api/trpc/features.refresh`, body.stream, { "content-type": "application/json", "content-length": String(50 * MB), host: "localhost:3000" }),
    );
    expect(body.pulled(), "bytes the server pulled").toBeLessThanOrEqual(64 * 1024);
    expect(response.status).toBe(413);
  });

  it("a 900 kB tRPC mutation still goes through", async () => {
    const text = JSON.stringify({ json: { padding: "x".repeat(900 * 1024) } });
    const response = await trpc.POST(new Request(`${APP}/api/trpc/features.refresh`, { method: "POST", headers: { "content-type": "application/json", host: "localhost:3000" }, body: text }));
    expect(response.status).toBe(200);
  });
});
