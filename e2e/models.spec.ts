import { expect, test } from "@playwright/test";
import { signIn } from "./ui-helpers";

test("an admin retrains, watches progress to completion, compares two runs and activates the new one", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin");
  await page.getByTestId("nav-models").click();
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByRole("heading", { name: "Models", level: 1 })).toBeVisible();

  // The demo start trained and activated a churn model as the system.
  const v1 = page.getByTestId("run-row-1");
  await expect(v1.getByTestId("run-status")).toHaveText("Succeeded");
  await expect(v1.getByTestId("run-active")).toBeVisible();
  await expect(v1).toContainText("system");

  // A bad parameter is refused beside its field.
  await page.getByTestId("retrain").click();
  const form = page.getByTestId("train-form");
  await form.getByLabel("Algorithm").selectOption("logistic");
  await form.getByLabel("CV folds").fill("1");
  await page.getByTestId("train-submit").click();
  await expect(page.getByTestId("param-folds-error")).toContainText("Folds must be at least 2");

  await form.getByLabel("CV folds").fill("10");
  await page.getByTestId("train-submit").click();
  const v2 = page.getByTestId("run-row-2");
  await expect(v2).toBeVisible();
  // Live progress while it trains, then success.
  await expect(v2.getByTestId("run-status")).toHaveText(/Queued|Running|Succeeded/);
  await expect(v2.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 120_000 });
  await expect(v2.getByTestId("run-active")).toHaveCount(0);

  // Compare v1 and v2 side by side.
  await page.getByTestId("compare-1").check();
  await page.getByTestId("compare-2").check();
  await page.getByTestId("compare-selected").click();
  await expect(page).toHaveURL(/\/models\/compare\?a=/);
  await expect(page.getByTestId("compare-table")).toContainText("ROC AUC (held out)");
  await expect(page.getByTestId("compare-table")).toContainText("Logistic regression");
  // The cross-validated AUC is one row for both versions (fold count beside the value), and both columns stay on screen.
  await expect(page.getByTestId("compare-table").getByRole("row", { name: /Cross-validated AUC/ })).toContainText(/folds.*folds/);
  const table = page.getByTestId("compare-table");
  expect(await table.evaluate((element) => element.scrollWidth <= (element.parentElement?.clientWidth ?? 0) + 1)).toBe(true);
  await expect(page.getByTestId("chart-compare-roc")).toBeVisible();

  // Run detail has the evaluation charts.
  await page.goto("/models");
  await page.getByTestId("run-row-2").getByRole("link", { name: "v2" }).click();
  await expect(page.getByTestId("run-detail")).toBeVisible();
  await expect(page.getByTestId("chart-roc")).toBeVisible();
  await expect(page.getByTestId("confusion-matrix")).toBeVisible();
  await expect(page.getByTestId("chart-calibration")).toBeVisible();
  await expect(page.getByTestId("chart-importance")).toBeVisible();

  // Activate v2 through the confirm dialog; v1 is no longer in use.
  await page.goto("/models");
  await page.getByTestId("activate-2").click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("run-row-2").getByTestId("run-active")).toBeVisible();
  await expect(page.getByTestId("run-row-1").getByTestId("run-active")).toHaveCount(0);
  // Rolling back is offered for the earlier version.
  await expect(page.getByTestId("activate-1")).toHaveText("Roll back");

  // Clusters: elbow, silhouette, heat map; hierarchy: dendrogram; baskets: rules table.
  await page.getByTestId("task-clusters").click();
  await page.getByTestId("run-row-1").getByRole("link", { name: "v1" }).click();
  await expect(page.getByTestId("chart-elbow")).toBeVisible();
  await expect(page.getByTestId("cluster-heatmap")).toBeVisible();
  await page.goto("/models");
  await page.getByTestId("task-hierarchy").click();
  await page.getByTestId("run-row-1").getByRole("link", { name: "v1" }).click();
  await expect(page.getByTestId("dendrogram")).toBeVisible();
  await page.goto("/models");
  await page.getByTestId("task-baskets").click();
  await page.getByTestId("run-row-1").getByRole("link", { name: "v1" }).click();
  await expect(page.getByTestId("rules-table")).toBeVisible();
});

test("a marketer sees the models but cannot retrain, and the server refuses", async ({ page }) => {
  await signIn(page, "marketer");
  await page.goto("/models");
  await expect(page.getByTestId("runs-table")).toBeVisible();
  await expect(page.getByText("only admins can train or activate")).toBeVisible();
  await expect(page.getByTestId("retrain")).toHaveCount(0);
  await expect(page.getByTestId("activate-1")).toHaveCount(0);
  const response = await page.request.post("/api/trpc/models.train", { data: { json: { task: "churn", params: {} } } });
  expect(response.status()).toBe(403);
});
