import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { campaignVariants, campaigns, segments, staff } from "../db";
import type { ListCampaignsInput, VariantInput } from "./campaigns.schemas";

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignInsert = typeof campaigns.$inferInsert;
export type VariantRow = typeof campaignVariants.$inferSelect;

/** Returns undefined when the name is taken (the unique index decides). */
export async function insertCampaign(db: Db, values: CampaignInsert): Promise<CampaignRow | undefined> {
  const [row] = await db.insert(campaigns).values(values).onConflictDoNothing({ target: campaigns.name }).returning();
  return row;
}

export async function replaceVariants(db: Db, campaignId: string, variants: readonly VariantInput[]): Promise<VariantRow[]> {
  await db.delete(campaignVariants).where(eq(campaignVariants.campaignId, campaignId));
  return db
    .insert(campaignVariants)
    .values(variants.map((v) => ({ ...v, campaignId })))
    .returning();
}

export async function countCampaigns(db: Db): Promise<number> {
  const [row] = await db.select({ total: count() }).from(campaigns);
  return row?.total ?? 0;
}

export async function findCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

export async function findCampaignByName(db: Db, name: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.name, name));
  return row;
}

/** Row lock so two approvals (or approve + stop) cannot interleave. */
export async function lockCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id)).for("update");
  return row;
}

export async function listVariants(db: Db, campaignId: string): Promise<VariantRow[]> {
  return db.select().from(campaignVariants).where(eq(campaignVariants.campaignId, campaignId)).orderBy(sql`${campaignVariants.isControl} DESC`, asc(campaignVariants.key));
}

/** Deletes the campaign; its variants go with it (foreign keys cascade). */
export async function deleteCampaignRow(db: Db, id: string): Promise<void> {
  await db.delete(campaigns).where(eq(campaigns.id, id));
}

export async function updateCampaignRow(db: Db, id: string, patch: Partial<CampaignInsert>): Promise<CampaignRow | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(campaigns.id, id))
    .returning();
  return row;
}

export async function setVariantWeight(db: Db, variantId: string, weight: number): Promise<void> {
  await db.update(campaignVariants).set({ weight }).where(eq(campaignVariants.id, variantId));
}

const SORTS = { name: campaigns.name, status: campaigns.status, startsAt: campaigns.startsAt, created: campaigns.createdAt } as const;

export async function listCampaignRows(db: Db, query: ListCampaignsInput) {
  const where = query.status ? eq(campaigns.status, query.status) : undefined;
  const column = SORTS[query.sort];
  const order = query.direction === "asc" ? sql`${column} ASC NULLS FIRST` : sql`${column} DESC NULLS LAST`;
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        goal: campaigns.goal,
        channel: campaigns.channel,
        status: campaigns.status,
        allocation: campaigns.allocation,
        origin: campaigns.origin,
        startsAt: campaigns.startsAt,
        endsAt: campaigns.endsAt,
        createdAt: campaigns.createdAt,
        segmentName: segments.name,
        createdByEmail: staff.email,
        assigned: sql<number>`(SELECT count(*)::int FROM assignments a WHERE a.campaign_id = ${campaigns.id})`,
      })
      .from(campaigns)
      .leftJoin(segments, eq(segments.id, campaigns.segmentId))
      .leftJoin(staff, eq(staff.id, campaigns.createdBy))
      .where(where)
      .orderBy(order, asc(campaigns.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(campaigns).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, assigned: Number(r.assigned) })), total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function variantByKey(db: Db, campaignId: string, key: string): Promise<VariantRow | undefined> {
  const [row] = await db
    .select()
    .from(campaignVariants)
    .where(and(eq(campaignVariants.campaignId, campaignId), eq(campaignVariants.key, key)));
  return row;
}

/** Moves every date of one campaign (its plan, variants, assignments and outcomes) by `days`, in one transaction. */
export async function shiftCampaignDates(db: Db, id: string, days: number): Promise<void> {
  const shift = sql`make_interval(days => ${days})`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE campaigns SET starts_at = starts_at + ${shift}, ends_at = ends_at + ${shift}, approved_at = approved_at + ${shift},
                           created_at = created_at + ${shift}, updated_at = updated_at + ${shift} WHERE id = ${id}::uuid`);
    await tx.execute(sql`UPDATE campaign_variants SET created_at = created_at + ${shift} WHERE campaign_id = ${id}::uuid`);
    await tx.execute(sql`UPDATE assignments SET assigned_at = assigned_at + ${shift}, exposed_at = exposed_at + ${shift} WHERE campaign_id = ${id}::uuid`);
    await tx.execute(sql`UPDATE outcomes SET observed_at = observed_at + ${shift} WHERE campaign_id = ${id}::uuid`);
  });
}

/**
 * The campaign's target segment, share-locked for the rest of the transaction: a segment edit or
 * refresh that has not committed yet waits until the approval's assignment is done, so what was
 * checked is what is assigned.
 */
export async function lockTargetSegment(db: Db, segmentId: string) {
  const [row] = await db
    .select({ id: segments.id, name: segments.name, definition: segments.definition, memberCount: segments.memberCount, archivedAt: segments.archivedAt })
    .from(segments)
    .where(eq(segments.id, segmentId))
    .for("share");
  return row;
}
