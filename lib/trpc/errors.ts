import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";

export type FieldErrors = Partial<Record<string, string>>;

export interface ReadableError {
  message: string;
  fields: FieldErrors;
}

function isAppRouterError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/**
 * Splits a failed call into per-field messages (zod issues, or a domain error that names its
 * field) and a form-level message, so forms can show each one where it belongs.
 */
export function readError(error: unknown, fallback: string): ReadableError {
  if (!isAppRouterError(error)) return { message: fallback, fields: {} };
  const fields: FieldErrors = {};
  const zod = error.data?.zodError;
  if (zod) {
    for (const [key, messages] of Object.entries(zod.fieldErrors)) {
      const first = Array.isArray(messages) ? messages[0] : undefined;
      if (first) fields[key] = first;
    }
  }
  const field = error.data?.field;
  if (field && !zod) fields[field] = error.message;
  const formMessage = zod ? (zod.formErrors[0] ?? "") : field ? "" : error.message || fallback;
  return { message: formMessage, fields };
}
