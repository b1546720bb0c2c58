import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./ui-helpers";

const SUFFIX = Date.now().toString(36);
const IOS = `E2E iOS with consent ${SUFFIX}`;
const ANDROID = `E2E Android ${SUFFIX}`;

/** The live count once the debounced request for the current rule has come back. */
async function settledCount(page: Page): Promise<number> {
  const count = page.getByTestId("live-count");
  await expect(count).toHaveAttribute("data-settled", "true");
  await expect(count).not.toHaveText("—");
  return Number((await count.innerText()).replace(/[^0-9]/g, ""));
}

async function setCondition(page: Page, index: number, field: string, value?: string): Promise<void> {
  const condition = page.getByTestId("rule-condition").nth(index);
  await condition.getByTestId("condition-kind").selectOption("attribute");
  await condition.getByTestId("condition-field").selectOption(field);
  if (value !== undefined) await condition.locator("input").first().fill(value);
}

test.describe.configure({ mode: "serial" });

test("a marketer builds a rule segment, watches the count update, saves it, drills down and compares", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "marketer");
  await page.goto("/segments");
  await page.getByTestId("new-segment").click();
  await expect(page).toHaveURL(/\/segments\/new$/);

  await page.getByLabel("Name").fill(IOS);
  await setCondition(page, 0, "device", "ios");
  const iosCount = await settledCount(page);
  expect(iosCount).toBeGreaterThan(0);

  // A second condition narrows the audience; the count follows without saving.
  await page.getByTestId("add-condition").click();
  await setCondition(page, 1, "marketing_consent");
  await expect.poll(() => settledCount(page)).toBeLessThan(iosCount);
  const narrowed = await settledCount(page);
  expect(narrowed).toBeGreaterThan(0);

  await page.getByTestId("save-segment").click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IOS);
  await expect(page.getByTestId("segment-size-value")).toHaveText(String(narrowed));
  await expect(page.getByTestId("segment-kpis")).toBeVisible();
  await expect(page.getByTestId("segment-distinguishing")).toBeVisible();
  // Another feature's histogram is fetched when it is picked, and drawn in place of the first.
  const histogram = page.getByTestId("segment-histogram");
  const picker = histogram.getByRole("combobox", { name: "Distribution", exact: true });
  await picker.selectOption("frequency");
  const pickedLabel = (await picker.locator("option:checked").textContent()) ?? "";
  await expect(histogram.locator(".chart-box")).toHaveAttribute("aria-label", `Distribution ${pickedLabel}`);
  await expect(histogram.locator(".chart-box")).not.toHaveAttribute("aria-busy", "true");
  await expect(page.getByTestId("member-row")).toHaveCount(Math.min(20, narrowed));
  await expect(page.getByTestId("segment-campaigns")).toContainText("No campaign has targeted this segment yet.");

  // A second segment to compare with: Android users, disjoint from the iOS one.
  await page.goto("/segments/new");
  await page.getByLabel("Name").fill(ANDROID);
  await setCondition(page, 0, "device", "android");
  const androidCount = await settledCount(page);
  await page.getByTestId("save-segment").click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);

  await page.goto("/segments");
  await page.getByLabel("Search segments").fill(SUFFIX);
  await expect(page.getByTestId("segment-row")).toHaveCount(2);
  await page.getByRole("checkbox", { name: `Compare ${IOS}` }).check();
  await page.getByRole("checkbox", { name: `Compare ${ANDROID}` }).check();
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(/\/segments\/compare\?a=.+&b=.+/);
  const overlap = page.getByTestId("overlap-counts");
  await expect(overlap).toHaveAttribute("data-both", "0");
  const aOnly = Number(await overlap.getAttribute("data-a-only"));
  const bOnly = Number(await overlap.getAttribute("data-b-only"));
  expect(new Set([aOnly, bOnly])).toEqual(new Set([narrowed, androidCount]));
  await expect(page.getByTestId("segment-compare").getByTestId("segment-kpis")).toHaveCount(2);
});

test("a manager reads segments but cannot create or edit them", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/segments");
  // The demo starts with the system's starter segments: the eight RFM presets and the high churn-risk tier.
  await page.getByLabel("Search segments").fill("RFM:");
  await expect(page.getByTestId("segment-row")).toHaveCount(8);
  await page.getByLabel("Search segments").fill("High churn risk");
  await expect(page.getByTestId("segment-row")).toHaveCount(1);
  await page.getByLabel("Search segments").fill(SUFFIX);
  await expect(page.getByTestId("segment-row")).toHaveCount(2);
  await expect(page.getByTestId("new-segment")).toHaveCount(0);
  await page.getByRole("link", { name: IOS }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IOS);
  await expect(page.getByTestId("segment-kpis")).toBeVisible();
  await expect(page.getByTestId("edit-segment")).toHaveCount(0);
  await expect(page.getByTestId("refresh-segment")).toHaveCount(0);
  await expect(page.getByTestId("export-segment")).toHaveCount(0);
  await page.goto("/segments/new");
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("money in a rule is typed in CN¥: 300 means CN¥300, the same audience as 30,000 cents", async ({ page }) => {
  await signIn(page, "marketer");
  await page.goto("/segments/new");
  await page.getByLabel("Name").fill(`E2E big spenders ${SUFFIX}`);
  const condition = page.getByTestId("rule-condition").first();
  await condition.getByTestId("condition-kind").selectOption("feature");
  await condition.getByTestId("condition-field").selectOption("monetary_cents");
  await expect(condition.getByTestId("condition-field").locator("option:checked")).toHaveText("Monetary (CN¥)");
  await condition.getByTestId("condition-op").selectOption("gte");
  const value = condition.getByLabel("Value (CN¥)");
  await value.fill("300");
  const typed = await settledCount(page);
  const input = { json: { definition: { kind: "rule", rule: { kind: "group", combinator: "and", children: [{ kind: "feature", field: "monetary_cents", op: "gte", value: 30_000 }] } } } };
  const response = await page.request.get(`/api/trpc/segments.count?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: number } } };
  expect(typed).toBe(body.result.data.json);
  await page.getByTestId("save-segment").click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("definition-summary")).toContainText("CN¥300.00");
});

test("the rule builder suggests the values a text field holds and words a bad value beside its field", async ({ page }) => {
  await signIn(page, "marketer");
  await page.goto("/segments/new");
  await page.getByLabel("Name").fill(`E2E suggested ${SUFFIX}`);

  // Typing the start of a known value offers it; picking it fills the input.
  const first = page.getByTestId("rule-condition").first();
  await first.getByTestId("condition-kind").selectOption("attribute");
  await first.getByTestId("condition-field").selectOption("device");
  const device = first.getByRole("combobox", { name: "Value" });
  await device.pressSequentially("an");
  const suggestions = first.getByRole("listbox", { name: "Known values of Device" });
  await expect(suggestions.getByRole("option")).toHaveText(["android"]);
  await suggestions.getByRole("option", { name: "android" }).click();
  await expect(device).toHaveValue("android");
  await expect(suggestions).toHaveCount(0);
  const androids = await settledCount(page);
  expect(androids).toBeGreaterThan(0);

  // A negative amount: the input is marked and the message names the field, in words.
  await page.getByTestId("add-condition").click();
  const money = page.getByTestId("rule-condition").nth(1);
  await money.getByTestId("condition-kind").selectOption("feature");
  await money.getByTestId("condition-field").selectOption("monetary_cents");
  await money.getByTestId("condition-op").selectOption("gte");
  const amount = money.getByLabel("Value (CN¥)");
  await amount.fill("-5");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveCSS("border-color", "rgb(192, 38, 55)");
  const issue = money.getByTestId("condition-issue");
  await expect(issue).toHaveText("Monetary: enter an amount in CN¥ (a number ≥ 0)");
  await expect(amount).toHaveAttribute("aria-describedby", (await issue.getAttribute("id")) ?? "");
  await expect(page.getByTestId("live-count")).toHaveText("—");
  await expect(page.getByTestId("count-error")).toHaveText("Fill in every condition's value to see the count.");
  await expect(page.getByText("Invalid input")).toHaveCount(0);
  await amount.fill("0");
  await expect(amount).not.toHaveAttribute("aria-invalid", "true");
  await expect(money.getByTestId("condition-issue")).toHaveCount(0);
  await expect.poll(() => settledCount(page)).toBeLessThanOrEqual(androids);

  // An empty text value is asked for when saving, not while the condition is still being built.
  await page.getByTestId("add-condition").click();
  const region = page.getByTestId("rule-condition").nth(2);
  await expect(region.getByTestId("condition-issue")).toHaveCount(0);
  await page.getByTestId("save-segment").click();
  await expect(region.getByTestId("condition-issue")).toHaveText("Region: enter a value (start typing to see the known ones)");
  await expect(region.getByRole("combobox", { name: "Value" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("toast-error")).toContainText("Some conditions need a valid value");
  await expect(page).toHaveURL(/\/segments\/new$/);
  await page.screenshot({ path: "test-results/rule-builder-issues.png", fullPage: true });
});
