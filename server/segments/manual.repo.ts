import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";

export interface ExternalIdMatch {
  id: number | string;
  external_id: string;
  erased: boolean;
}

/** The customers with these external ids, erased ones flagged. One JSON parameter carries the whole list. */
export async function customersByExternalId(db: Db, externalIds: readonly string[]): Promise<ExternalIdMatch[]> {
  return selectRows<ExternalIdMatch & Record<string, unknown>>(
    db,
    sql`SELECT c.id, c.external_id, NOT (${notErased("c")}) AS erased FROM customers c
        WHERE c.external_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))`,
  );
}
