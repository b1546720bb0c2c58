import { describe, expect, it } from "vitest";
import { openPostgres } from "../../server/db/client";
import { generateApiKey } from "../../server/ingest/apiKeys.service";
import { ingestEvents } from "../../server/ingest/http/handler";

/*
 * A database that refuses connections stands in for an outage: the same errors node-postgres
 * raises while a server restarts, without stopping the cluster other test files share.
 */
describe("the ingest API during a database outage", () => {
  it("answers 503 with Retry-After, keeps SQL and parameters out of the answer, and throws nothing", async () => {
    const unreachable = await openPostgres("postgres://postgres@127.0.0.1:9/test", { max: 1 });
    try {
      const request = new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${generateApiKey().key}`, "content-type": "application/json" },
        body: JSON.stringify([{ customer_id: "c-1", type: "view", occurred_at: "2026-01-01T00:00:00Z" }]),
      });
      const response = await ingestEvents(unreachable, request);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      const body = (await response.json()) as { error: string };
      expect(body.error).toContain("nothing was written");
      expect(body.error).not.toMatch(/select|insert|Failed query/i);
    } finally {
      await unreachable.close();
    }
  });
});
