import { z } from "zod";
import { STAFF_ROLES } from "../db";

export const ZRole = z.enum(STAFF_ROLES);

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "email must be a valid email address" }));

export const ZPassword = z
  .string()
  .min(10, { message: "password must be at least 10 characters" })
  .max(200, { message: "password must be at most 200 characters" });

export const ZCreateStaff = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, { message: "name is required" }).max(100, { message: "name must be at most 100 characters" }),
  role: ZRole,
  password: ZPassword,
});
export type CreateStaffInput = z.infer<typeof ZCreateStaff>;

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
