import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload, verifySignature } from "../../server/campaigns/webhook";
import type { Database } from "../../server/db/client";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { drainJobs, getJob } from "../../server/jobs/queue";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, refusal, seedAudience, type Team } from "./fixture";

const SECRET = "test-secret-0123456789";

interface Received {
  body: string;
  signature: string;
  timestamp: string;
}

describe(`signed webhook delivery with retry against a local receiver (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let server: http.Server;
  const received: Received[] = [];
  let failuresLeft = 1;

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ body: Buffer.concat(chunks).toString("utf8"), signature: String(req.headers[SIGNATURE_HEADER]), timestamp: String(req.headers[TIMESTAMP_HEADER]) });
        // The first request fails like a receiver mid-deploy would.
        if (failuresLeft > 0) {
          failuresLeft--;
          res.writeHead(503).end("busy");
        } else res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.STRATUM_CAMPAIGN_WEBHOOK_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    process.env.STRATUM_CAMPAIGN_WEBHOOK_SECRET = SECRET;
  });
  afterAll(async () => {
    delete process.env.STRATUM_CAMPAIGN_WEBHOOK_URL;
    delete process.env.STRATUM_CAMPAIGN_WEBHOOK_SECRET;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  });

  it("signs over timestamp and body, and a changed body or timestamp fails verification", () => {
    const sig = signPayload(SECRET, "1700000000", '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    // Checked as the receiver would at the time of signing (finding 22: a stale timestamp is refused).
    const now = { now: new Date(1_700_000_000_000) };
    expect(verifySignature(SECRET, "1700000000", '{"a":1}', sig, now)).toBe(true);
    expect(verifySignature(SECRET, "1700000000", '{"a":2}', sig, now)).toBe(false);
    expect(verifySignature(SECRET, "1700000001", '{"a":1}', sig, now)).toBe(false);
    expect(verifySignature("another-secret-000000", "1700000000", '{"a":1}', sig, now)).toBe(false);
  });

  it("posts each arm's audience signed, retries a 503 with backoff, and succeeds on the next attempt", async () => {
    const segmentId = await seedAudience(database, { count: 50, segmentName: "Hooked" });
    const created = await team.marketer.campaigns.create(campaignInput(segmentId, { holdoutShare: 0 }));
    await pinSalt(database, created.id);
    expect((await refusal(team.marketer.campaigns.deliver({ id: created.id }))).message).toContain("needs a running campaign");
    await team.marketer.campaigns.submit({ id: created.id });
    await team.manager.campaigns.approve({ id: created.id });
    const { jobs } = await team.marketer.campaigns.deliver({ id: created.id });
    expect(jobs).toHaveLength(2);

    await drainJobs(database.db, JOB_DEFINITIONS);
    const states = await Promise.all(jobs.map((id) => getJob(database.db, id)));
    const retrying = states.filter((j) => j?.status === "queued");
    expect(retrying).toHaveLength(1);
    expect(retrying[0]?.error).toContain("answered 503");
    // Backoff put it 5 s out; pretend the time has passed rather than sleep in a test.
    const [due] = await database.query<{ seconds: number }>(`SELECT extract(epoch FROM run_at - now())::float8 AS seconds FROM jobs WHERE id = $1`, [retrying[0]?.id]);
    expect(due?.seconds).toBeGreaterThan(3);
    await database.query(`UPDATE jobs SET run_at = now() WHERE id = $1`, [retrying[0]?.id]);
    await drainJobs(database.db, JOB_DEFINITIONS);
    const final = await Promise.all(jobs.map((id) => getJob(database.db, id)));
    expect(final.map((j) => j?.status)).toEqual(["succeeded", "succeeded"]);

    expect(received).toHaveLength(3);
    for (const r of received) expect(verifySignature(SECRET, r.timestamp, r.body, r.signature)).toBe(true);
    const bodies = received.slice(1).map((r) => JSON.parse(r.body) as { variant: { key: string }; recipients: { customerId: string }[] });
    const total = bodies.reduce((s, b) => s + b.recipients.length, 0);
    // 50 members: 5 without consent, 2 erased, 1 both.
    expect(total).toBe(44);
    expect(bodies.map((b) => b.variant.key).sort()).toEqual(["control", "coupon20"]);
  });
});
