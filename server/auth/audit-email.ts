import { createHash } from "node:crypto";
import { z } from "zod";

const ZEmailFormat = z.email();

/**
 * What a failed sign-in writes to the audit log as the typed email: the address when it is one,
 * otherwise a marker with a truncated SHA-256 of it ("invalid:1a2b3c4d"), so a password typed into
 * the email field never lands in the log, while repeated attempts with the same text still match.
 */
export function auditableEmail(typed: string): string {
  if (ZEmailFormat.safeParse(typed).success) return typed;
  return `invalid:${createHash("sha256").update(typed, "utf8").digest("hex").slice(0, 8)}`;
}
