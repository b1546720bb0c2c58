import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./ui-helpers";

/** The header and the first 199 clients of the real Bank Marketing file, read in place. */
function bankSample(): Buffer {
  const file = path.resolve(__dirname, "../../shared/data/bank-marketing/bank-full.csv");
  if (!fs.existsSync(file)) throw new Error(`Real data set missing: ${file}`);
  return Buffer.from(`${fs.readFileSync(file, "utf8").split("\n").slice(0, 200).join("\n")}\n`);
}

test("an admin imports a Bank Marketing sample from the Data page, watches progress and reads the CLI's summary", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/data");
  const section = page.getByTestId("dataset-import");
  await expect(section.getByRole("heading", { name: "Real data sets" })).toBeVisible();
  await section.getByLabel("Data set").selectOption("bank-marketing");
  await expect(page.getByTestId("dataset-needs")).toContainText("Upload one CSV file, e.g. bank-full.csv.");
  await page.getByTestId("dataset-files").setInputFiles({ name: "bank-full.csv", mimeType: "text/csv", buffer: bankSample() });
  await section.getByRole("button", { name: "Upload and import" }).click();

  const run = page.getByTestId("dataset-run");
  await expect(run).toBeVisible();
  await expect(page.getByTestId("dataset-progress")).toBeVisible();
  await expect(run).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("dataset-progress-percent")).toHaveText("100%");
  await expect(page.getByTestId("dataset-progress")).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("dataset-outcome")).toHaveText("Imported: every row landed.");
  const summary = page.getByTestId("dataset-summary");
  await expect(summary).toContainText('Bank Marketing: imported as source "bank-marketing"');
  await expect(summary).toContainText("read bank-full.csv: 199 rows");
  await expect(summary).toContainText("assignments 199");
  await expect(summary).toContainText("outcomes   199");

  // The next step: queue the features refresh from here.
  const next = page.getByTestId("dataset-next");
  await expect(next).toContainText("Run the pipeline: features, rollups, models.");
  await next.getByRole("button", { name: "Refresh features" }).click();
  await expect(next.getByRole("button", { name: "Refresh features" })).toBeDisabled();

  // A second run of the same file changes nothing: the summary says so.
  await run.getByRole("button", { name: "Import another data set" }).click();
  await page.getByTestId("dataset-files").setInputFiles({ name: "bank-full.csv", mimeType: "text/csv", buffer: bankSample() });
  await section.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("dataset-run")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("dataset-summary")).toContainText("customers  inserted 0, updated 0, unchanged 199");
});

test("an OULAD upload without all its tables is refused with the missing files named", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/data");
  const section = page.getByTestId("dataset-import");
  await section.getByLabel("Data set").selectOption("oulad");
  await expect(page.getByTestId("dataset-needs")).toContainText("courses.csv, studentInfo.csv, studentRegistration.csv, assessments.csv, studentAssessment.csv");
  await page.getByTestId("dataset-files").setInputFiles([
    { name: "courses.csv", mimeType: "text/csv", buffer: Buffer.from("code_module,code_presentation,module_presentation_length\nAAA,2013J,268\n") },
    { name: "assessments.csv", mimeType: "text/csv", buffer: Buffer.from("code_module,code_presentation,id_assessment,assessment_type,date,weight\n") },
  ]);
  await expect(page.getByTestId("dataset-missing")).toHaveText("Still missing: studentInfo.csv, studentRegistration.csv, studentAssessment.csv");
  await section.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("dataset-error")).toContainText("OULAD is missing the files studentInfo.csv, studentRegistration.csv, studentAssessment.csv");
});
