import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./ui-helpers";

/*
 * Finding 8: the headers come from a real server, and the app still works under its
 * Content-Security-Policy (scripts hydrate, sign-in, charts, a form that posts a mutation),
 * with not one CSP violation reported by the browser.
 */

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Collects every CSP violation the page reports, from the first byte of every document. */
async function watchCsp(page: Page): Promise<string[]> {
  const consoleViolations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) consoleViolations.push(text);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return consoleViolations;
}

async function violationsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

test("every page answers with the security headers, and the app works under its CSP", async ({ page }) => {
  const consoleViolations = await watchCsp(page);

  const login = await page.goto("/login");
  expect(login).not.toBeNull();
  const headers = login?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // The suite serves plain http, where HSTS must not be sent (tests/security/08 covers https).
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Next's inline bootstrap scripts carry this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const inlineScripts = await page.locator("script:not([src])").evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
  expect(inlineScripts.length).toBeGreaterThan(0);
  expect(new Set(inlineScripts)).toEqual(new Set([nonce]));

  // Sign-in needs the client bundle to hydrate (the button stays disabled until it does).
  await signIn(page, "admin");

  // Static files and API answers carry the headers too.
  const script = await page.locator("script[src]").first().getAttribute("src");
  const asset = await page.request.get(script ?? "/");
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  const api = await page.request.get("/api/auth/session");
  expect(api.headers()["x-frame-options"]).toBe("DENY");

  // A chart renders (recharts draws an SVG inside the card).
  await page.goto("/");
  await expect(page.getByTestId("card-daily").getByTestId("chart-time-series").locator("svg.recharts-surface").first()).toBeVisible();

  // A form posts a tRPC mutation and shows the server's answer.
  await page.goto("/staff");
  const email = uniqueEmail("csp");
  const form = page.getByTestId("create-staff-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill("CSP Tester");
  await form.getByLabel("Role", { exact: true }).selectOption("marketer");
  await form.getByLabel("Initial password").fill("a long enough password for csp");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(email);

  expect(await violationsIn(page)).toEqual([]);
  expect(consoleViolations).toEqual([]);
});

test("another site cannot frame the app", async ({ page, baseURL }) => {
  const consoleViolations = await watchCsp(page);
  // An about:blank page stands in for a foreign site that embeds the login page.
  await page.setContent(`<iframe id="embed" src="${baseURL}/login" width="400" height="300"></iframe>`);
  await page.waitForTimeout(1500);
  const frame = page.frame({ url: /\/login/ });
  const framedBody = frame ? await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
  expect(framedBody).not.toContain("Sign in");
  expect(consoleViolations.join("\n")).toMatch(/frame-ancestors|X-Frame-Options|Refused to (display|frame)/i);
});
