import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { auditLog, modelRuns, segments } from "../../server/db/schema";
import { countDefinition } from "../../server/segments/preview.service";
import { ZSegmentDefinition } from "../../server/segments/segments.schemas";
import { ensureStarterSegments } from "../../server/segments/starter.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { AS_OF, insertSegmentFixture } from "./fixture";

const CLUSTER_NAMES = ["high spend, low discount share", "low sessions", "average on every feature"];

describe(`starter segments of a fresh demo (${engineUnderTest})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertSegmentFixture(database.db);
    // The fixture's active K-means run gets the artifact a real run carries (three named clusters).
    await database.db
      .update(modelRuns)
      .set({ artifact: { kind: "clusters", features: ["log_monetary"], mean: [0], scale: [1], centroids: [[1], [-1], [0]], sizes: [1, 3, 1], names: CLUSTER_NAMES } })
      .where(and(eq(modelRuns.task, "clusters"), eq(modelRuns.isActive, true)));
  });
  afterAll(async () => {
    await database?.close();
  });

  it("creates the RFM presets, the high churn-risk tier and one per cluster, materialised and audited as the system", async () => {
    const created = await ensureStarterSegments(database.db);
    expect(created).toHaveLength(8 + 1 + CLUSTER_NAMES.length);
    expect(created).toContain("High churn risk");
    expect(created).toContain(`Cluster 1: ${CLUSTER_NAMES[1]}`);
    const rows = await database.db.select().from(segments);
    expect(rows).toHaveLength(created.length);
    for (const row of rows) {
      expect(row.createdBy).toBeNull();
      expect(row.lastRefreshedAt).not.toBeNull();
      const definition = ZSegmentDefinition.parse(row.definition);
      expect(row.memberCount).toBe(await countDefinition(database.db, definition, AS_OF));
    }
    expect(rows.filter((r) => r.kind === "rfm")).toHaveLength(8);
    expect(rows.find((r) => r.name === "Cluster 1: low sessions")?.memberCount).toBe(2); // customers 2 and 3; 5 is erased
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "segments.create"));
    expect(audits).toHaveLength(created.length);
    expect(audits.every((a) => a.actorId === null && a.actorEmail === "system")).toBe(true);
  });

  it("does nothing once any segment exists", async () => {
    expect(await ensureStarterSegments(database.db)).toEqual([]);
    expect(await database.db.select().from(segments)).toHaveLength(8 + 1 + CLUSTER_NAMES.length);
  });
});
