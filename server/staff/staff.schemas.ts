import { z } from "zod";
import { STAFF_ROLES } from "../db";
import { passwordProblem } from "../auth";

export const ZRole = z.enum(STAFF_ROLES);

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "email must be a valid email address" }));

/** A new password checked against the policy (server/auth/password-policy.ts), the message naming `field`. */
function newPassword(field: string) {
  return z.string({ message: `${field} is required` }).superRefine((value, ctx) => {
    const problem = passwordProblem(value, undefined, field);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export const ZPassword = newPassword("password");

export const ZCreateStaff = z
  .object({
    email: ZEmail,
    name: z.string().trim().min(1, { message: "name is required" }).max(100, { message: "name must be at most 100 characters" }),
    role: ZRole,
    password: ZPassword,
  })
  .superRefine((value, ctx) => {
    // The rules that need the email (the others already ran on the field).
    const problem = passwordProblem(value.password, value.email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type CreateStaffInput = z.infer<typeof ZCreateStaff>;

export const ZChangePassword = z.object({
  currentPassword: z.string({ message: "currentPassword is required" }).min(1, { message: "currentPassword is required" }).max(200, { message: "currentPassword must be at most 200 characters" }),
  newPassword: newPassword("newPassword"),
});
export type ChangePasswordInput = z.infer<typeof ZChangePassword>;

export const ZSetPassword = z.object({ email: ZEmail, password: ZPassword });

export const ZStaffId = z.object({ id: z.uuid({ message: "id must be a staff id" }) });
export const ZSetRole = ZStaffId.extend({ role: ZRole });
export const ZSetDisabled = ZStaffId.extend({ disabled: z.boolean() });

export const ZListStaff = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  search: z.string().trim().max(100).optional(),
  sort: z.enum(["name", "email", "role", "createdAt", "lastLoginAt"]).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});
export type ListStaffInput = z.infer<typeof ZListStaff>;
