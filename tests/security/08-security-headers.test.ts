import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";

/*
 * The headers every response gets from proxy.ts. e2e/security-headers.spec.ts reads them from a
 * real page and proves the app still works under the policy.
 */
const { proxy } = await import("../../proxy");

const savedUrl = process.env.NEXTAUTH_URL;

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = "", ...values] = part.split(/\s+/);
        return [name, values.join(" ")] as const;
      }),
  );
}

describe("finding 8: security headers on every response", () => {
  afterEach(() => {
    if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = savedUrl;
  });

  it.each(["/login", "/", "/customers/123", "/api/trpc/staff.list", "/api/v1/events", "/_next/static/chunks/main.js"])(
    "%s gets CSP with frame-ancestors 'none', X-Frame-Options DENY, nosniff and a Referrer-Policy",
    (path) => {
      const response = proxy(new NextRequest(`http://localhost:3000${path}`));
      const csp = response.headers.get("content-security-policy") ?? "";
      const d = directives(csp);
      expect(d.get("frame-ancestors")).toBe("'none'");
      expect(d.get("default-src")).toBe("'self'");
      expect(d.get("object-src")).toBe("'none'");
      expect(d.get("base-uri")).toBe("'none'");
      expect(d.get("form-action")).toBe("'self'");
      // Scripts only by nonce: no 'unsafe-inline' and no hosts beyond the app itself.
      expect(d.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
      expect(d.get("style-src")).toMatch(/^'self' 'nonce-/);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    },
  );

  it("hands Next.js the same nonce in the request's CSP, and a new one for every request", () => {
    const first = proxy(new NextRequest("http://localhost:3000/login"));
    const second = proxy(new NextRequest("http://localhost:3000/login"));
    const nonce = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(first)).toBeDefined();
    expect(nonce(first)).not.toBe(nonce(second));
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(first.headers.get("content-security-policy"));
  });

  it("sends HSTS (and upgrades insecure requests) only when NEXTAUTH_URL is https", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const plain = proxy(new NextRequest("http://localhost:3000/login"));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");

    process.env.NEXTAUTH_URL = "https://stratum.example.com";
    const secure = proxy(new NextRequest("https://stratum.example.com/login"));
    expect(secure.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
