import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/api";

export type FieldErrors = Partial<Record<string, string>>;

export interface ReadableError {
  /** Always something to show, e.g. in a toast. */
  message: string;
  /** Messages that belong beside one input. */
  fields: FieldErrors;
  /** What is left for the form as a whole once field messages are placed (null if nothing). */
  formMessage: string | null;
}

function isAppRouterError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/**
 * Splits a failed call into per-field messages (zod issues, or a domain error that names its
 * field) and a form-level message, so forms can show each one where it belongs.
 */
export function readError(error: unknown, fallback: string): ReadableError {
  if (!isAppRouterError(error)) return { message: fallback, fields: {}, formMessage: fallback };
  const fields: FieldErrors = {};
  const zod = error.data?.zodError;
  if (zod) {
    for (const [key, messages] of Object.entries(zod.fieldErrors)) {
      const first = Array.isArray(messages) ? messages[0] : undefined;
      if (first) fields[key] = first;
    }
    const formMessage = zod.formErrors[0] ?? null;
    const message = formMessage ?? Object.values(fields)[0] ?? fallback;
    return { message, fields, formMessage };
  }
  const message = error.message || fallback;
  const field = error.data?.field;
  if (field) return { message, fields: { [field]: message }, formMessage: null };
  return { message, fields, formMessage: message };
}

export interface IssueAtPath {
  path: (string | number)[];
  message: string;
}

/** Each input issue of a refused call with its whole path (a nested form places them itself). */
export function readIssues(error: unknown): IssueAtPath[] {
  if (!isAppRouterError(error)) return [];
  return error.data?.zodIssues ?? [];
}
