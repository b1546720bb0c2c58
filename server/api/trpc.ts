import { randomBytes } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "../db";
import type { SessionUser } from "../auth";
import { can, type Permission } from "../auth";
import { AppError } from "../errors";

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

const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_CAUSES = 6;
const MAX_FRAMES = 8;

/**
 * What the log may say about an unexpected error: class names, SQLSTATE, constraint and table
 * (schema names, not data) and stack frames. The messages of query and database errors are left
 * out, because they carry the SQL text, its parameters (e-mail, names, password hashes) or the
 * offending value ("invalid input syntax for type uuid: ...").
 */
export function describeErrorForLog(error: unknown): string {
  const parts: string[] = [];
  let frames: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    const e = current as Error & { code?: unknown; constraint?: unknown; table?: unknown; query?: unknown; params?: unknown };
    if (e instanceof TRPCError) {
      parts.push(`${e.code}`);
    } else if (typeof e.code === "string" && SQLSTATE.test(e.code)) {
      const where = [typeof e.constraint === "string" ? `constraint ${e.constraint}` : "", typeof e.table === "string" ? `table ${e.table}` : ""];
      parts.push([`${e.name} SQLSTATE ${e.code}`, ...where].filter(Boolean).join(" "));
    } else if ("query" in e || "params" in e) {
      parts.push(`${e.name} (query text and parameters withheld)`);
    } else {
      parts.push(`${e.name}: ${(e.message.split("\n")[0] ?? "").slice(0, 200)}`);
    }
    if (frames.length === 0 && !(e instanceof TRPCError) && e.stack) {
      frames = e.stack.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, MAX_FRAMES);
    }
    current = e.cause;
  }
  if (parts.length === 0) parts.push(`non-error value of type ${typeof error}`);
  return [parts.join(" <- "), ...frames].join("\n");
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
        return { ...shape, message: internalErrorMessage(errorId), data: { ...data, zodError: null, field: null, errorId } };
      }
      const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      const field = error.cause instanceof AppError ? (error.cause.field ?? null) : null;
      return { ...shape, data: { ...shape.data, zodError, field, errorId: null } };
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
