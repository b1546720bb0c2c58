import { expect, test, type Page } from "@playwright/test";
import { signIn, type DemoRole } from "./ui-helpers";

/**
 * Walks every dashboard page in zh and fails on any Latin word a reader sees (body text and the
 * hover help in title attributes) that is not on this list. Keep it short; each group says why
 * it may stay in Latin letters in Chinese text.
 */
const ALLOWED_WORDS = new Set([
  // The product's name, and the language switch naming English in English.
  "Stratum", "English",
  // Metric and method abbreviations a Chinese analytics UI writes in Latin letters.
  "AUC", "ROC", "PR", "RFM", "SRM", "CUPED", "KPI", "GMV", "LTV", "ARPU", "ARPPU", "SMD", "MLP", "pp",
  // Statistical methods named after their authors or their letter (Holm correction, Wilson interval, Delta method, Ward linkage).
  "Holm", "Wilson", "Delta", "Benjamini", "Hochberg", "Ward", "Wald",
  // Identifiers, formats, units, and names of platforms and protocols (iOS, Webhook).
  "ID", "CSV", "JSON", "API", "UTC", "MB", "iOS", "Webhook",
]);

/** Allowed spellings the word pattern would split (or that carry a symbol): removed before the words are read. */
const ALLOWED_PHRASES = [
  /CN¥/g, /\bK-means\b/gi, /\bFP-growth\b/g, /\bT-learner\b/g, /\bUTF-8\b/g,
  // The published data sets go by their own names (and their archive, UCI); a command is code.
  /\bOULAD\b/g, /\bOnline Retail\b/g, /\bBank Marketing\b/g, /\bUCI\b/g, /\bnpm run [a-z:-]+\b/g,
];

/**
 * Data, not interface text: e-mails, uuids, the demo's external ids, and an HTTP endpoint (code).
 * Elements that show stored data (names, course titles, file names, campaign and arm names)
 * carry data-i18n-skip instead.
 */
const DATA_PATTERNS = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b(?:demo-[cp]\d+|(?:bank|retail|oulad)-[\w-]*\d+)\b/g,
  /\b(GET|POST|PUT|DELETE) \/[\w/*.-]+/g,
  // File names (the data sets' files, an upload's name).
  /\b[\w-]+\.csv\b/g,
];

/** A word is allowed as listed, or in capitals (headers set in uppercase by CSS). */
function allowed(word: string): boolean {
  if (ALLOWED_WORDS.has(word)) return true;
  return word === word.toUpperCase() && [...ALLOWED_WORDS].some((w) => w.toUpperCase() === word);
}

const WORD = /[A-Za-z]{2,}/g;

interface Finding {
  page: string;
  word: string;
  context: string;
}

/** Visible text and hover help, with every [data-i18n-skip] subtree left out. */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Hidden through each element's own style (the app's CSP refuses an injected <style>):
    // innerText leaves out text whose visibility is hidden. Restored once read.
    const skipped = Array.from(document.querySelectorAll<HTMLElement | SVGElement>("[data-i18n-skip], [data-i18n-skip] *"));
    const before = skipped.map((element) => [element.style.getPropertyValue("visibility"), element.style.getPropertyPriority("visibility")] as const);
    for (const element of skipped) element.style.setProperty("visibility", "hidden", "important");
    try {
      const lines = document.body.innerText.split("\n");
      // innerText lists a <select>'s options whatever their visibility: drop the skipped ones by text.
      for (const option of Array.from(document.querySelectorAll("option[data-i18n-skip], [data-i18n-skip] option"))) {
        const text = (option.textContent ?? "").trim();
        const index = lines.findIndex((line) => line.trim() === text);
        if (index >= 0) lines.splice(index, 1);
      }
      for (const element of Array.from(document.querySelectorAll("[title]"))) {
        if (element.closest("[data-i18n-skip]") || !(element as HTMLElement).checkVisibility?.()) continue;
        lines.push(element.getAttribute("title") ?? "");
      }
      // Hover help inside charts: SVG <title> children.
      for (const title of Array.from(document.querySelectorAll("svg title"))) {
        if (title.closest("[data-i18n-skip]")) continue;
        lines.push(title.textContent ?? "");
      }
      return lines;
    } finally {
      skipped.forEach((element, index) => element.style.setProperty("visibility", before[index]![0], before[index]![1]));
    }
  });
}

/** The English words in a page's lines, each with the line it was found in. */
function englishWords(pageName: string, lines: string[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const raw of lines) {
    let line = raw;
    for (const pattern of [...DATA_PATTERNS, ...ALLOWED_PHRASES]) line = line.replace(pattern, " ");
    for (const match of line.matchAll(WORD)) {
      const word = match[0];
      if (allowed(word) || seen.has(word)) continue;
      seen.add(word);
      findings.push({ page: pageName, word, context: raw.trim().slice(0, 160) });
    }
  }
  return findings;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".skeleton, [data-testid='page-loading'], [aria-busy='true']")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText("加载中…")).toHaveCount(0);
}

async function switchToZh(page: Page): Promise<void> {
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
}

/** The first link on the page whose href matches, as a path. */
async function firstHref(page: Page, selector: string): Promise<string> {
  const link = page.locator(selector).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  return href!;
}

class Walk {
  readonly findings: Finding[] = [];
  constructor(
    private readonly page: Page,
    private readonly role: DemoRole,
  ) {}

  async read(name: string): Promise<void> {
    await settle(this.page);
    this.findings.push(...englishWords(`${this.role} ${name} (${new URL(this.page.url()).pathname})`, await visibleText(this.page)));
  }

  async visit(path: string, name = path): Promise<void> {
    await this.page.goto(path);
    await this.read(name);
  }
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.page}: "${f.word}" in "${f.context}"`).join("\n");
}

test("every dashboard page in zh reads without stray English (admin)", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, "admin");
  await switchToZh(page);
  const walk = new Walk(page, "admin");

  await walk.visit("/", "home");
  await walk.visit("/overview", "overview");
  await walk.visit("/overview/courses", "courses");
  await page.getByTestId("courses-table").locator("tbody tr button").first().click();
  await walk.read("course detail");

  await walk.visit("/customers", "customers");
  const customer = await firstHref(page, "[data-testid='customer-row'] a[href^='/customers/']");
  await walk.visit(customer, "customer profile");

  await walk.visit("/segments", "segments");
  const segmentLinks = page.locator("[data-testid='segment-row'] a[href^='/segments/']");
  const segmentHrefs = await segmentLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(segmentHrefs.length).toBeGreaterThan(1);
  const segmentIds = segmentHrefs.map((href) => href.split("/").pop()!);
  // Every starter segment's drill-down: RFM presets, the churn tier and the K-means clusters.
  for (const href of segmentHrefs) await walk.visit(href, "segment drill-down");
  await walk.visit(`/segments/compare?a=${segmentIds[0]}&b=${segmentIds[1]}`, "segment compare");
  await walk.visit(`/segments/${segmentIds[0]}/edit`, "segment editor");
  await walk.visit("/segments/new", "new segment");

  await walk.visit("/campaigns", "campaigns");
  const campaignHrefs = await page.locator("[data-testid='campaign-row'] a[href^='/campaigns/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(campaignHrefs.length).toBeGreaterThan(0);
  for (const href of campaignHrefs) {
    await page.goto(href);
    await expect(page.locator("#campaign-overview")).toBeVisible();
    await walk.read("campaign detail");
  }
  await walk.visit("/campaigns/new", "campaign builder");

  await walk.visit("/models", "models");
  const tasks = await page.locator("[data-testid^='task-']").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-testid") ?? ""));
  expect(tasks.length).toBeGreaterThan(0);
  for (const task of tasks) {
    await page.goto("/models");
    await page.getByTestId(task).click();
    await walk.read(`models ${task}`);
    await page.getByTestId("run-row-1").getByRole("link", { name: "v1" }).click();
    await expect(page.getByTestId("run-detail")).toBeVisible();
    await walk.read(`model detail ${task}`);
  }
  await page.goto("/models");
  await page.getByTestId("retrain").click();
  await walk.read("train form");

  await walk.visit("/data", "data import");
  await walk.visit("/data/api-keys", "api keys");
  await walk.visit("/staff", "staff");
  await walk.visit("/audit", "audit");
  await walk.visit("/account", "account");

  expect(walk.findings, report(walk.findings)).toEqual([]);
});

test("the pages a marketer sees differently read without stray English in zh", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, "marketer");
  await switchToZh(page);
  const walk = new Walk(page, "marketer");
  await walk.visit("/", "home");
  await walk.visit("/customers", "customers");
  await walk.visit("/segments", "segments");
  await walk.visit("/campaigns", "campaigns");
  await walk.visit("/campaigns/new", "campaign builder");
  await walk.visit("/models", "models");
  await walk.visit("/account", "account");
  expect(walk.findings, report(walk.findings)).toEqual([]);
});
