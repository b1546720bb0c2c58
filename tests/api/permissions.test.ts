import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../../server/api/root";
import type { Context, Meta } from "../../server/api/trpc";
import { PERMISSIONS, ROLES, type Permission, type Role } from "../../lib/shared/permissions";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";

/** Procedures deliberately callable without signing in. Adding one here is a security decision. */
const PUBLIC_PROCEDURES: readonly string[] = [];

interface ProcedureLike {
  _def: { meta?: Meta; type: "query" | "mutation" | "subscription" };
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);

type CallerFn = (input?: unknown) => Promise<unknown>;

function procedureAt(ctx: Context, path: string): CallerFn {
  let node: unknown = createCaller(ctx);
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  return node as CallerFn;
}

async function errorCode(call: Promise<unknown>): Promise<string | "ok"> {
  try {
    await call;
    return "ok";
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NON_TRPC_ERROR";
  }
}

function userWith(role: Role) {
  return { id: "00000000-0000-4000-8000-000000000000", email: `${role}@test.local`, name: role, role };
}

describe(`every procedure of the app router checks the caller (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("the router has procedures to check", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(8);
  });

  it("every procedure names a permission from the matrix, unless deliberately public", () => {
    const missing = procedures
      .filter(([path, proc]) => !PUBLIC_PROCEDURES.includes(path) && !proc._def.meta?.permission)
      .map(([path]) => path);
    expect(missing).toEqual([]);
    const unknown = procedures
      .map(([path, proc]) => [path, proc._def.meta?.permission] as const)
      .filter(([, permission]) => permission !== undefined && !(permission in PERMISSIONS));
    expect(unknown).toEqual([]);
  });

  for (const [path, proc] of procedures) {
    if (PUBLIC_PROCEDURES.includes(path)) continue;
    const permission = proc._def.meta?.permission as Permission | undefined;
    const allowed: readonly Role[] = permission ? PERMISSIONS[permission] : [];

    it(`${path}: anonymous callers are refused with UNAUTHORIZED`, async () => {
      expect(await errorCode(procedureAt({ db: database.db, user: null }, path)({}))).toBe("UNAUTHORIZED");
    });

    for (const role of ROLES) {
      if (allowed.includes(role)) {
        it(`${path}: ${role} passes the permission check (${permission})`, async () => {
          // The call may still fail input validation or find nothing; it must not be refused for its role.
          const code = await errorCode(procedureAt({ db: database.db, user: userWith(role) }, path)({}));
          expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(code);
        });
      } else {
        it(`${path}: ${role} is refused with FORBIDDEN (lacks ${permission ?? "a permission"})`, async () => {
          expect(await errorCode(procedureAt({ db: database.db, user: userWith(role) }, path)({}))).toBe("FORBIDDEN");
        });
      }
    }
  }
});
