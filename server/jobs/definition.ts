import type { ZodType } from "zod";
import type { Db } from "../db";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JobContext<P> {
  /** The database handle; a handler that needs one transaction opens it with `db.transaction`. */
  db: Db;
  payload: P;
  jobId: string;
  attempt: number;
  /** fraction in 0..1; cheap to call often (kept in memory, written to the row at most every 500 ms). */
  reportProgress(fraction: number, message?: string): Promise<void>;
}

/** What the queue needs from any job kind, independent of its payload type. */
export interface JobType {
  readonly kind: string;
  readonly maxAttempts: number;
  parsePayload(raw: unknown): { ok: true; value: unknown } | { ok: false; message: string };
  execute(ctx: JobContext<unknown>): Promise<JsonValue>;
}

/**
 * A job kind as the queue and every enqueuer see it: its name, payload schema and attempts. Kinds
 * are declared in `kinds.ts` so a module can queue another module's work without importing it.
 */
export interface JobKind<P> {
  readonly kind: string;
  readonly maxAttempts: number;
  readonly payloadSchema: ZodType<P>;
  parsePayload(raw: unknown): { ok: true; value: P } | { ok: false; message: string };
}

/** A kind with the handler that runs it: what a worker is given. */
export interface JobDefinition<P> extends JobKind<P>, JobType {
  parsePayload(raw: unknown): { ok: true; value: P } | { ok: false; message: string };
}

export interface JobSpec<P> {
  kind: string;
  payload: ZodType<P>;
  /** Attempts before the job is marked failed; a payload that fails validation is never retried. */
  maxAttempts?: number;
  handler(ctx: JobContext<P>): Promise<JsonValue>;
}

export function defineJobKind<P>(spec: { kind: string; payload: ZodType<P>; maxAttempts?: number }): JobKind<P> {
  if (!/^[a-z][a-z0-9_.-]*$/.test(spec.kind)) throw new Error(`Invalid job kind: ${spec.kind}`);
  return {
    kind: spec.kind,
    maxAttempts: spec.maxAttempts ?? 3,
    payloadSchema: spec.payload,
    parsePayload(raw) {
      const result = spec.payload.safeParse(raw);
      if (result.success) return { ok: true, value: result.data };
      return {
        ok: false,
        message: result.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`).join("; "),
      };
    },
  };
}

/** Attaches the handler to a declared kind; the module that owns the work calls this. */
export function handleJob<P>(jobKind: JobKind<P>, handler: (ctx: JobContext<P>) => Promise<JsonValue>): JobDefinition<P> {
  return {
    ...jobKind,
    execute(ctx) {
      const parsed = jobKind.payloadSchema.parse(ctx.payload);
      return handler({ ...ctx, payload: parsed });
    },
  };
}

/** A kind and its handler in one step: for work that no other module queues (and for tests). */
export function defineJob<P>(spec: JobSpec<P>): JobDefinition<P> {
  return handleJob(defineJobKind(spec), spec.handler);
}
