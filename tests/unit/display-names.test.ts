import { describe, expect, it } from "vitest";
import { getDictionary } from "@/lib/i18n";
import { categoryLabel, productKindLabel } from "@/lib/i18n/catalogue-label";
import { channelLabel, deviceLabel } from "@/lib/i18n/customer-attribute-label";
import { segmentDescriptionLabel, segmentNameLabel } from "@/lib/i18n/segment-name";
import { HIGH_CHURN_STARTER_NAME, clusterStarterName, parseStarterName, rfmStarterName, starterDescription } from "@/lib/shared/starter-names";

const en = getDictionary("en");
const zh = getDictionary("zh");

describe("starter segment names", () => {
  it("read back into the shape they were made from", () => {
    expect(parseStarterName(rfmStarterName("cant_lose"))).toEqual({ kind: "rfm", preset: "cant_lose" });
    expect(parseStarterName(HIGH_CHURN_STARTER_NAME)).toEqual({ kind: "churn" });
    expect(parseStarterName(clusterStarterName(3, "high completion, low discount share"))).toEqual({ kind: "cluster", cluster: 3, clusterName: "high completion, low discount share" });
    expect(parseStarterName("RFM: Champions of spring")).toBeNull();
    expect(parseStarterName("My VIPs")).toBeNull();
  });

  it("show in the reader's language, and names people chose stay as written", () => {
    expect(segmentNameLabel(en, "en", rfmStarterName("champions"))).toBe("RFM: Champions");
    expect(segmentNameLabel(zh, "zh", rfmStarterName("champions"))).toBe("RFM：重要价值客户");
    expect(segmentNameLabel(zh, "zh", HIGH_CHURN_STARTER_NAME)).toBe("高流失风险");
    expect(segmentNameLabel(zh, "zh", clusterStarterName(0, "average on every feature"))).toBe("聚类 0：各项特征均接近平均");
    expect(segmentNameLabel(zh, "zh", "春季活动人群")).toBe("春季活动人群");
  });

  it("translate the system's descriptions, not ones a person rewrote", () => {
    const champions = rfmStarterName("champions");
    expect(segmentDescriptionLabel(zh, "zh", champions, starterDescription({ kind: "rfm", preset: "champions" }))).toBe("系统创建的初始分层：RFM 预设“重要价值客户”。");
    expect(segmentDescriptionLabel(zh, "zh", champions, "Our best buyers")).toBe("Our best buyers");
    expect(segmentDescriptionLabel(zh, "zh", "My VIPs", starterDescription({ kind: "churn" }))).toBe(starterDescription({ kind: "churn" }));
    expect(segmentDescriptionLabel(en, "en", HIGH_CHURN_STARTER_NAME, null)).toBeNull();
  });
});

describe("acquisition channel labels", () => {
  it("translate known channels and keep imported ones", () => {
    expect(channelLabel(zh, "app_store")).toBe("应用商店");
    expect(channelLabel(en, "app_store")).toBe("App store");
    expect(channelLabel(zh, "wechat_mini_program")).toBe("wechat_mini_program");
    expect(channelLabel(en, null)).toBe("—");
    expect(deviceLabel(zh, "mini_program")).toBe("小程序");
    expect(deviceLabel(en, "harmony_os")).toBe("harmony_os");
  });
});

describe("catalogue labels", () => {
  it("name the demo catalogue's categories and product kinds in both languages, and keep unknown ones", () => {
    expect(categoryLabel("zh", "programming")).toBe("编程");
    expect(categoryLabel("en", "programming")).toBe("Programming");
    expect(categoryLabel("zh", "pottery")).toBe("pottery");
    expect(productKindLabel(zh, "live_class")).toBe("直播课");
    expect(productKindLabel(en, "ebook")).toBe("E-book");
    expect(productKindLabel(en, "bundle")).toBe("bundle");
  });
});
