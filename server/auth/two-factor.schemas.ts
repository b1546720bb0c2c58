import { z } from "zod";

const ZTotpCode = z
  .string({ message: "code is required" })
  .trim()
  .regex(/^\d{6}$/, { message: "code must be the 6-digit code your authenticator app shows" });

/** A TOTP code or a recovery code ("xxxxx-xxxxx"), as typed. */
const ZAnyCode = z
  .string({ message: "code is required" })
  .trim()
  .min(6, { message: "code must be a 6-digit authenticator code or a recovery code" })
  .max(64, { message: "code must be at most 64 characters" });

export const ZConfirmTwoFactor = z.object({ code: ZTotpCode });

export const ZDisableTwoFactor = z.object({
  currentPassword: z.string({ message: "currentPassword is required" }).min(1, { message: "currentPassword is required" }).max(200, { message: "currentPassword must be at most 200 characters" }),
  code: ZAnyCode,
});

export const ZResetTwoFactor = z.object({ id: z.uuid({ message: "id must be a staff id" }) });
