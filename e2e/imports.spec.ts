import { expect, test, type Page } from "@playwright/test";
import { navLinks, signIn } from "./ui-helpers";

function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

async function uploadCsv(page: Page, name: string, content: string): Promise<void> {
  await page.goto("/data");
  await page.getByLabel("CSV file (UTF-8)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByTestId("import-preview")).toBeVisible();
}

test("an admin uploads customers, maps a column, watches progress reach 100% and reads the summary", async ({ page }) => {
  await signIn(page, "admin");
  const id = unique("e2e");
  await uploadCsv(page, "members.csv", `Member ID,Full Name,E-mail,Province Name\n${id}-1,Ann,ann@example.com,Zhejiang\n${id}-2,Ben,ben@example.com,Jiangsu\n${id}-3,Cai,,Sichuan\n`);
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("row")).toHaveCount(4);
  await expect(preview.getByRole("row").nth(1)).toContainText(`2${id}-1Ann`);

  // The header guesses three fields; the province column is mapped by hand.
  await expect(page.getByLabel("CSV column: customer_id")).toHaveValue("Member ID");
  await expect(page.getByLabel("CSV column: display_name")).toHaveValue("Full Name");
  await expect(page.getByLabel("CSV column: email")).toHaveValue("E-mail");
  await expect(page.getByLabel("CSV column: region")).toHaveValue("");
  await page.getByLabel("CSV column: region").selectOption("Province Name");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-run")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("import-progress-percent")).toHaveText("100%");
  await expect(page.getByTestId("import-progress")).toHaveAttribute("aria-valuenow", "100");
  const summary = page.getByTestId("import-summary");
  await expect(summary).toHaveAttribute("data-outcome", "imported");
  await expect(summary).toContainText("Imported: every row landed.");
  await expect(page.getByTestId("import-figure-inserted")).toContainText("3");
  await expect(page.getByTestId("import-figure-errors")).toContainText("0");
  await expect(page.getByTestId("recent-import-row").first()).toContainText("members.csv");
});

test("a file with a bad row shows the error by line number and writes nothing", async ({ page }) => {
  await signIn(page, "admin");
  const id = unique("bad");
  const good = `customer_id,email\n${id}-1,one@example.com\n${id}-2,two@example.com\n`;
  await uploadCsv(page, "bad.csv", `${good}${id}-3,not-an-email\n`);
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-run")).toHaveAttribute("data-status", "succeeded");
  const summary = page.getByTestId("import-summary");
  await expect(summary).toHaveAttribute("data-outcome", "rejected");
  await expect(summary).toContainText("Rejected: nothing was written.");
  const errorRow = page.getByTestId("import-error-row");
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow).toHaveAttribute("data-line", "4");
  await expect(errorRow).toContainText("email");
  await expect(errorRow).toContainText("must be an email address");

  // All errors download as CSV.
  const href = await page.getByTestId("import-errors-download").getAttribute("href");
  const download = await page.request.get(href ?? "");
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe("line,field,message\r\n4,email,must be an email address\r\n");

  // Nothing landed: the two good rows are new when imported on their own.
  await page.getByRole("button", { name: "Import another file" }).click();
  await uploadCsv(page, "good.csv", good);
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-summary")).toHaveAttribute("data-outcome", "imported");
  await expect(page.getByTestId("import-figure-inserted")).toContainText("2");
  await expect(page.getByTestId("import-figure-duplicates")).toContainText("0");
});

test("a marketer cannot open /data, does not see it in the navigation and cannot upload", async ({ page }) => {
  await signIn(page, "marketer");
  await expect(navLinks(page).filter({ hasText: "Data import" })).toHaveCount(0);
  await page.goto("/data");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("import-upload-form")).toHaveCount(0);
  const response = await page.request.post("/api/imports?name=x.csv", { data: "customer_id\nx\n", headers: { "content-type": "text/csv" } });
  expect(response.status()).toBe(403);
});
