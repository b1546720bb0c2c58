import { test } from "@playwright/test";
import { signIn } from "./ui-helpers";

test("screens", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1100 });
  await signIn(page, "manager");
  await page.goto("/overview");
  await page.getByTestId("kpi-gmv-value").waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: "/tmp/kpi-shots/kpis.png", fullPage: true });
  await page.getByTestId("tab-cohorts").click();
  await page.getByTestId("cohort-heatmap").waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: "/tmp/kpi-shots/cohorts.png", fullPage: true });
  await page.getByTestId("tab-funnel").click();
  await page.getByTestId("funnel-view").waitFor();
  await page.screenshot({ path: "/tmp/kpi-shots/funnel.png", fullPage: true });
  await page.goto("/overview/courses?product=1");
  await page.getByTestId("course-detail").waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: "/tmp/kpi-shots/courses.png", fullPage: true });
  await page.goto("/customers/5");
  await page.getByTestId("profile-recommendations").waitFor();
  await page.getByTestId("profile-recommendations").scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  await page.getByTestId("profile-recommendations").screenshot({ path: "/tmp/kpi-shots/recs.png" });
});
