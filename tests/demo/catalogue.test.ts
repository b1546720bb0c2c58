import { describe, expect, it } from "vitest";
import { PRODUCT_KINDS } from "../../server/db/schema/enums";
import { buildCatalogue } from "../../server/demo/catalogue";

describe("demo catalogue", () => {
  const catalogue = buildCatalogue();
  const products = catalogue.products;

  it("has at least 150 products in at least 8 categories", () => {
    expect(products.length).toBeGreaterThanOrEqual(150);
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThanOrEqual(8);
  });

  it("covers all five kinds, every kind in several categories", () => {
    for (const kind of PRODUCT_KINDS) {
      expect(new Set(products.filter((p) => p.kind === kind).map((p) => p.category)).size, kind).toBeGreaterThanOrEqual(8);
    }
  });

  it("has free items priced 0 and several paid price tiers", () => {
    const free = products.filter((p) => p.isFree);
    expect(free.length).toBeGreaterThanOrEqual(20);
    expect(free.every((p) => p.priceCents === 0)).toBe(true);
    expect(products.filter((p) => !p.isFree).every((p) => p.priceCents > 0)).toBe(true);
    expect(new Set(products.filter((p) => !p.isFree).map((p) => p.priceCents)).size).toBeGreaterThanOrEqual(10);
  });

  it("gives every product a Chinese and an English title, all distinct", () => {
    for (const p of products) {
      expect(p.titleZh, p.externalId).toMatch(/[\u4e00-\u9fff]/);
      expect(p.titleEn, p.externalId).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(new Set(products.map((p) => p.titleZh)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.titleEn)).size).toBe(products.length);
    expect(products.some((p) => p.titleZh === "Python 入门" && p.titleEn === "Python Basics")).toBe(true);
  });

  it("plants tracks as ordered, paid courses", () => {
    expect(catalogue.trackCourses.length).toBeGreaterThanOrEqual(5);
    for (const track of catalogue.trackCourses) {
      expect(track.length).toBeGreaterThanOrEqual(3);
      for (const index of track) expect(products[index]).toMatchObject({ kind: "course", isFree: false });
    }
  });
});
