import type { ZodType } from "zod";
import type { Db } from "../db/client";

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

export interface JobDefinition<P> extends JobType {
  readonly payloadSchema: ZodType<P>;
}

export interface JobSpec<P> {
  kind: string;
  payload: ZodType<P>;
  /** Attempts before the job is marked failed; a payload that fails validation is never retried. */
  maxAttempts?: number;
  handler(ctx: JobContext<P>): Promise<JsonValue>;
}

export function defineJob<P>(spec: JobSpec<P>): JobDefinition<P> {
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
    execute(ctx) {
      const parsed = spec.payload.parse(ctx.payload);
      return spec.handler({ ...ctx, payload: parsed });
    },
  };
}
