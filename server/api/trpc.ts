import { randomBytes } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "../db";
import type { SessionUser } from "../auth";
import { can, type Permission } from "../auth";
import { AppError, describeErrorForLog } from "../errors";

export { describeErrorForLog };

export interface Context {
  db: Db;
  user: SessionUser | null;
}

export interface Meta {
  /** The permission a procedure requires; the router-walk test insists every procedure names one. */
  permission?: Permission;
  /** Set on the few procedures deliberately open to anonymous callers. */
  public?: true;
}

const errorIds = new WeakMap<object, string>();

/** A short random id for one failure, the same for the client's message and the log line. */
export function errorIdOf(error: object): string {
  let id = errorIds.get(error);
  if (!id) {
    id = randomBytes(6).toString("hex");
    errorIds.set(error, id);
  }
  return id;
}

/** The one log line of an INTERNAL_SERVER_ERROR: where, which id, what kind; never the query or its data. */
export function logInternalError(where: string, error: object): void {
  console.error(`${where} failed [error id ${errorIdOf(error)}] ${describeErrorForLog(error)}`);
}

/** What the client sees instead of an unexpected error's message. */
export function internalErrorMessage(errorId: string): string {
  return `Something went wrong on the server; nothing was shown of it here. Quote error id ${errorId} to an administrator.`;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // The message of an unexpected error is the database's or the code's: SQL, ids, values.
        const errorId = errorIdOf(error);
        const { stack: _stack, ...data } = shape.data;
        return { ...shape, message: internalErrorMessage(errorId), data: { ...data, zodError: null, zodIssues: null, field: null, errorId } };
      }
      const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      // The flattened form keeps only top-level keys; a nested form (a rule's conditions) needs
      // each issue's whole path to place its message beside the input it is about.
      const zodIssues = error.cause instanceof ZodError ? error.cause.issues.slice(0, 50).map((issue) => ({ path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: issue.message })) : null;
      const field = error.cause instanceof AppError ? (error.cause.field ?? null) : null;
      return { ...shape, data: { ...shape.data, zodError, zodIssues, field, errorId: null } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns domain errors into tRPC errors with the same message, so the UI can show it as is. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.meta({ public: true }).use(mapAppErrors);

export const protectedProcedure = t.procedure.use(mapAppErrors).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure that only roles holding `permission` (see server/auth/permissions.ts) may call. */
export function permissionProcedure(permission: Permission) {
  return protectedProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!can(ctx.user.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${ctx.user.role}) lacks the ${permission} permission` });
    }
    // An admin-set password must be changed before anything else is open.
    if (ctx.user.mustChangePassword && permission !== "account.self") {
      throw new TRPCError({ code: "FORBIDDEN", message: "Change the password an administrator set for you first (Account)" });
    }
    // STRATUM_REQUIRE_2FA=1: an admin without two-factor sign-in enrols before anything else is open.
    if (ctx.user.mustEnrolTwoFactor && permission !== "account.self") {
      throw new TRPCError({ code: "FORBIDDEN", message: "Turn on two-factor sign-in first (Account): it is required for admins here" });
    }
    return next();
  });
}
