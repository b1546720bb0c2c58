import { expect, test } from "@playwright/test";
import { navLinks, signIn } from "./ui-helpers";

test("the language switch persists across reloads", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "登录 Stratum" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.reload();
  await expect(page.getByRole("heading", { name: "登录 Stratum" })).toBeVisible();
  await expect(page.getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Stratum" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the dashboard follows the saved language", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link")).toHaveText(["首页", "经营概览", "用户", "用户分层", "营销活动", "模型", "数据导入", "API 密钥", "员工", "审计日志"]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "首页" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(navLinks(page)).toHaveText(["Home", "Overview", "Customers", "Segments", "Campaigns", "Models", "Data import", "API keys", "Staff", "Audit log"]);
});
