import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { SessionUser } from "../../server/auth/session";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`finding 17: refresh jobs are queued once per kind and payload (${engineUnderTest})`, () => {
  let database: Database;
  let admin: ReturnType<typeof createCaller>;
  const waiting = async () =>
    selectRows<{ kind: string; n: number }>(database.db, sql`SELECT kind, count(*)::int AS n FROM jobs WHERE status = 'queued' GROUP BY kind ORDER BY kind`);

  beforeAll(async () => {
    database = await openTestDatabase();
    const created = await createStaff(database.db, null, { email: "root@example.com", name: "Root", role: "admin", password: "root has a passphrase" });
    const root: SessionUser = { id: created.id, email: created.email, name: created.name, role: "admin" };
    admin = createCaller({ db: database.db, user: root });
  });
  afterAll(async () => {
    await database.close();
  });

  it("25 requests each for a segment, feature and KPI refresh leave one waiting job of each kind", async () => {
    for (let i = 0; i < 25; i++) {
      await admin.segments.refreshAll();
      await admin.features.refresh();
      await admin.kpi.refreshRollups();
    }
    expect(await waiting()).toEqual([
      { kind: "features.refresh", n: 1 },
      { kind: "kpi.rollup", n: 1 },
      { kind: "segments.refresh", n: 1 },
    ]);
  });
});
