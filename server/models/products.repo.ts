import { inArray } from "drizzle-orm";
import type { Db } from "../db";
import { products } from "../db";

/** English and Chinese titles of the given products (the rules of a baskets run name them by id). */
export async function productTitles(db: Db, ids: readonly number[]): Promise<Array<{ id: number; en: string; zh: string }>> {
  return db.select({ id: products.id, en: products.titleEn, zh: products.titleZh }).from(products).where(inArray(products.id, [...ids]));
}
