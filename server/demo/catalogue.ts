import type { PRODUCT_KINDS } from "../db";
import { CATEGORIES, TRACKS, type TopicSpec } from "./catalogue-data";
import { mix32 } from "./prng";

export type ProductKind = (typeof PRODUCT_KINDS)[number];

export interface DemoProduct {
  /** 0-based position; the database id is idBase + index + 1. */
  index: number;
  externalId: string;
  kind: ProductKind;
  titleZh: string;
  titleEn: string;
  category: string;
  categoryIndex: number;
  topic: string;
  level: TopicSpec["level"];
  priceCents: number;
  isFree: boolean;
  lessons: number;
}

export interface Catalogue {
  products: readonly DemoProduct[];
  categories: readonly string[];
  /** Product indices per category, paid one-off items only (no subscriptions, nothing free). */
  paidByCategory: readonly (readonly number[])[];
  free: readonly number[];
  freeByCategory: readonly (readonly number[])[];
  /** Paid items at ¥99 or less: what bargain hunters and newcomers reach for. */
  cheapPaid: readonly number[];
  subscriptionByCategory: readonly number[];
  /** Course product indices per planted track, in the order they are meant to be bought. */
  trackCourses: readonly (readonly number[])[];
  trackKeys: readonly string[];
  trackCategory: readonly number[];
}

const COURSE_PRICES = {
  beginner: [9900, 12900, 14900, 19900],
  intermediate: [19900, 24900, 29900, 39900],
  advanced: [39900, 49900, 59900, 69900],
} as const;
const EBOOK_PRICES = [990, 1990, 2990, 3990, 4900];
const LIVE_PRICES = [4900, 9900, 14900, 19900];
const CONSULT_PRICES = [29900, 49900, 69900, 99900];
const SUBSCRIPTION_PRICES = [2900, 3900, 4900, 6900];

/** Stable price choice per product position, independent of the run's seed. */
function tier(prices: readonly number[], index: number): number {
  return prices[mix32(index * 7919 + 17) % prices.length] ?? prices[0] ?? 0;
}

/**
 * The catalogue is the same for every seed: a real platform's catalogue does not change between
 * demo runs, and it keeps product ids comparable across runs.
 */
export function buildCatalogue(): Catalogue {
  const products: DemoProduct[] = [];
  const add = (p: Omit<DemoProduct, "index" | "externalId">) => {
    const index = products.length;
    products.push({ ...p, index, externalId: `demo-p${String(index + 1).padStart(4, "0")}` });
  };
  CATEGORIES.forEach((category, categoryIndex) => {
    const base = { category: category.key, categoryIndex };
    category.topics.forEach((topic, topicIndex) => {
      const common = { ...base, topic: topic.key, level: topic.level };
      const n = products.length;
      add({ ...common, kind: "course", titleZh: topic.zh, titleEn: topic.en, priceCents: tier(COURSE_PRICES[topic.level], n), isFree: false, lessons: 12 + (mix32(n) % 30) });
      const freeEbook = topicIndex % 3 === 2;
      add({
        ...common,
        kind: "ebook",
        titleZh: freeEbook ? `《${topic.zh}》免费试读版` : `《${topic.zh}》电子书`,
        titleEn: freeEbook ? `${topic.en}: Free Sample (e-book)` : `${topic.en} (e-book)`,
        priceCents: freeEbook ? 0 : tier(EBOOK_PRICES, n + 1),
        isFree: freeEbook,
        lessons: 8 + (mix32(n + 1) % 12),
      });
      if (topicIndex % 2 === 0) {
        const open = topicIndex % 4 === 0;
        add({
          ...common,
          kind: "live_class",
          titleZh: open ? `${topic.zh}公开课` : `${topic.zh}直播训练营`,
          titleEn: open ? `${topic.en}: Open Live Class` : `${topic.en} Live Bootcamp`,
          priceCents: open ? 0 : tier(LIVE_PRICES, n + 2),
          isFree: open,
          lessons: open ? 1 : 4 + (mix32(n + 2) % 8),
        });
      } else {
        add({ ...common, kind: "consultation", titleZh: `1 对 1 咨询：${topic.zh}`, titleEn: `1:1 Consultation: ${topic.en}`, priceCents: tier(CONSULT_PRICES, n + 2), isFree: false, lessons: 1 });
      }
      if (topicIndex % 4 === 1) {
        add({ ...common, kind: "course", titleZh: `${topic.zh}试听课`, titleEn: `${topic.en}: Free Trial Lesson`, priceCents: 0, isFree: true, lessons: 1 });
      }
    });
    add({
      ...base,
      topic: `${category.key}-membership`,
      level: "beginner",
      kind: "subscription",
      titleZh: `${category.zh}会员（月度）`,
      titleEn: `${category.en} Membership (monthly)`,
      priceCents: tier(SUBSCRIPTION_PRICES, products.length),
      isFree: false,
      lessons: 0,
    });
  });
  return indexCatalogue(products);
}

function indexCatalogue(products: DemoProduct[]): Catalogue {
  const categories = CATEGORIES.map((c) => c.key);
  const paidByCategory = categories.map(() => [] as number[]);
  const freeByCategory = categories.map(() => [] as number[]);
  const subscriptionByCategory: number[] = [];
  for (const p of products) {
    if (p.kind === "subscription") subscriptionByCategory[p.categoryIndex] = p.index;
    else if (p.isFree) freeByCategory[p.categoryIndex]?.push(p.index);
    else paidByCategory[p.categoryIndex]?.push(p.index);
  }
  const courseOf = new Map(products.filter((p) => p.kind === "course" && !p.isFree).map((p) => [p.topic, p]));
  const trackCourses = TRACKS.map((track) =>
    track.topics.map((topic) => {
      const product = courseOf.get(topic);
      if (!product) throw new Error(`track ${track.key} names unknown topic ${topic}`);
      return product.index;
    }),
  );
  return {
    products,
    categories,
    paidByCategory,
    freeByCategory,
    free: products.filter((p) => p.isFree).map((p) => p.index),
    cheapPaid: products.filter((p) => !p.isFree && p.kind !== "subscription" && p.priceCents <= 9900).map((p) => p.index),
    subscriptionByCategory,
    trackCourses,
    trackKeys: TRACKS.map((t) => t.key),
    trackCategory: trackCourses.map((courses) => products[courses[0] ?? 0]?.categoryIndex ?? 0),
  };
}
