import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid, uniqueIndex } from "drizzle-orm/pg-core";
import { staffRole } from "./enums";

export const staff = pgTable(
  "staff",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: staffRole("role").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    // Copied into each session token at sign-in; raising it ends every session issued before.
    sessionVersion: integer("session_version").notNull().default(1),
    // Set when an admin (or the CLI) chose the password: the account must change it before anything else.
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    // Two-factor sign-in (server/auth/two-factor.service.ts): the TOTP seed, sealed with AES-256-GCM
    // under a key derived from NEXTAUTH_SECRET; pending while totp_enabled_at is null (enrolment not
    // confirmed yet). last_totp_step is the time step of the last code accepted: a code is refused
    // unless its step is later, so a code seen once cannot be replayed.
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    lastTotpStep: integer("last_totp_step"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are stored lower-cased; the unique index keeps one account per address.
    uniqueIndex("staff_email_key").on(t.email),
    index("staff_role_idx").on(t.role),
    index("staff_created_at_idx").on(t.createdAt),
  ],
);

/** One-time recovery codes for two-factor sign-in: SHA-256 of each code, marked when used. */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("staff_recovery_codes_staff_code_key").on(t.staffId, t.codeHash)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: uuid("actor_id").references(() => staff.id, { onDelete: "set null" }),
    // Kept beside actor_id so failed sign-ins with unknown emails are still attributable.
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    target: text("target"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_actor_id_idx").on(t.actorId),
    index("audit_log_action_idx").on(t.action),
    index("audit_log_created_at_idx").on(t.createdAt),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    source: text("source").notNull(),
    keyPrefix: text("key_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdBy: uuid("created_by").references(() => staff.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_keys_key_prefix_key").on(t.keyPrefix),
    index("api_keys_source_idx").on(t.source),
    index("api_keys_created_by_idx").on(t.createdBy),
    index("api_keys_created_at_idx").on(t.createdAt),
  ],
);
