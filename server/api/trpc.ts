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

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      const field = error.cause instanceof AppError ? (error.cause.field ?? null) : null;
      return { ...shape, data: { ...shape.data, zodError, field } };
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
    return next();
  });
}
