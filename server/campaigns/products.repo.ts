import { asc } from "drizzle-orm";
import type { Db } from "../db";
import { products } from "../db";

export interface OfferProduct {
  id: number;
  externalId: string;
  kind: string;
  titleEn: string;
  titleZh: string;
  category: string;
  priceCents: number;
}

/** The catalogue an arm can offer, for the builder's product picker (read-only, capped). */
export async function listOfferProducts(db: Db, limit = 1000): Promise<OfferProduct[]> {
  return db
    .select({
      id: products.id,
      externalId: products.externalId,
      kind: products.kind,
      titleEn: products.titleEn,
      titleZh: products.titleZh,
      category: products.category,
      priceCents: products.priceCents,
    })
    .from(products)
    .orderBy(asc(products.titleEn), asc(products.id))
    .limit(limit);
}
