import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSigned, signPayload, verifySignature, webhookConfig } from "../../server/campaigns/webhook";

const SECRET = "receiver-secret-0123456789";
const BODY = '{"recipients":[{"customerId":"u1","email":"a@example.com"}]}';
const NOW = new Date("2026-03-01T12:00:00Z");
const at = (secondsFromNow: number) => String(Math.floor(NOW.getTime() / 1000) + secondsFromNow);

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe("finding 22: webhook verification refuses stale timestamps and delivery refuses plain http", () => {
  describe("receiver-side verifySignature", () => {
    it("accepts a correct signature up to 5 minutes old and refuses one a second older (a replay)", () => {
      for (const age of [0, 60, 299, 300]) {
        const ts = at(-age);
        expect(verifySignature(SECRET, ts, BODY, signPayload(SECRET, ts, BODY), { now: NOW }), `${age} s old`).toBe(true);
      }
      for (const age of [301, 3600, 86_400 * 365]) {
        const ts = at(-age);
        // The signature is genuine: only its age gives the replay away.
        expect(verifySignature(SECRET, ts, BODY, signPayload(SECRET, ts, BODY), { now: NOW }), `${age} s old`).toBe(false);
      }
    });

    it("refuses timestamps more than 5 minutes in the future and ones that are not whole seconds", () => {
      expect(verifySignature(SECRET, at(299), BODY, signPayload(SECRET, at(299), BODY), { now: NOW })).toBe(true);
      expect(verifySignature(SECRET, at(301), BODY, signPayload(SECRET, at(301), BODY), { now: NOW })).toBe(false);
      for (const ts of ["", "abc", "1.5e9", `${at(0)}.0`, " 1772366400", "-1"]) {
        expect(verifySignature(SECRET, ts, BODY, signPayload(SECRET, ts, BODY), { now: NOW }), JSON.stringify(ts)).toBe(false);
      }
    });

    it("checks against the real clock by default", () => {
      const fresh = String(Math.floor(Date.now() / 1000));
      expect(verifySignature(SECRET, fresh, BODY, signPayload(SECRET, fresh, BODY))).toBe(true);
      const old = String(Math.floor(Date.now() / 1000) - 600);
      expect(verifySignature(SECRET, old, BODY, signPayload(SECRET, old, BODY))).toBe(false);
    });
  });

  describe("STRATUM_CAMPAIGN_WEBHOOK_URL", () => {
    const production = { DATABASE_URL: "postgres://db.internal/stratum", STRATUM_CAMPAIGN_WEBHOOK_SECRET: SECRET };

    it("refuses a plain-http URL outside demo mode with a clear error naming the variable", () => {
      let error: unknown;
      try {
        webhookConfig({ ...production, STRATUM_CAMPAIGN_WEBHOOK_URL: "http://hooks.example.com/stratum" });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain("STRATUM_CAMPAIGN_WEBHOOK_URL");
      expect((error as Error).message).toContain("https://");
      expect(() => webhookConfig({ ...production, STRATUM_DEMO: "0", STRATUM_CAMPAIGN_WEBHOOK_URL: "HTTP://hooks.example.com/x" })).toThrow(/https:\/\//);
    });

    it("accepts https anywhere, plain http in demo mode, and plain http to this machine (loopback)", () => {
      expect(webhookConfig({ ...production, STRATUM_CAMPAIGN_WEBHOOK_URL: "https://hooks.example.com/stratum" })?.url).toBe("https://hooks.example.com/stratum");
      expect(webhookConfig({ ...production, STRATUM_DEMO: "1", STRATUM_CAMPAIGN_WEBHOOK_URL: "http://hooks.example.com/x" })?.url).toBe("http://hooks.example.com/x");
      expect(webhookConfig({ STRATUM_CAMPAIGN_WEBHOOK_SECRET: SECRET, STRATUM_CAMPAIGN_WEBHOOK_URL: "http://hooks.example.com/x" })?.url).toBe("http://hooks.example.com/x");
      for (const url of ["http://127.0.0.1:9000/hook", "http://localhost:9000/hook", "http://[::1]:9000/hook"]) {
        expect(webhookConfig({ ...production, STRATUM_CAMPAIGN_WEBHOOK_URL: url })?.url).toBe(url);
      }
      expect(() => webhookConfig({ ...production, STRATUM_CAMPAIGN_WEBHOOK_URL: "ftp://hooks.example.com/x" })).toThrow(/https:\/\//);
    });
  });

  describe("delivery", () => {
    let target: { server: http.Server; url: string };
    let redirector: { server: http.Server; url: string };
    let leaked = 0;
    beforeAll(async () => {
      target = await listen((req, res) => {
        leaked++;
        req.resume();
        res.writeHead(200).end("ok");
      });
      redirector = await listen((req, res) => {
        req.resume();
        res.writeHead(307, { location: `${target.url}/plain` }).end();
      });
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => target.server.close(() => resolve()));
      await new Promise<void>((resolve) => redirector.server.close(() => resolve()));
    });

    it("does not follow a redirect with the personal data in the body", async () => {
      await expect(postSigned({ url: `${redirector.url}/hook`, secret: SECRET }, BODY)).rejects.toThrow();
      expect(leaked).toBe(0);
    });
  });
});
