import { z } from "zod";

export const ZApiKeySource = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, {
    message: "source must be 1-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit",
  });

export const ZCreateApiKey = z.object({
  name: z.string().trim().min(1, { message: "name is required" }).max(100, { message: "name must be at most 100 characters" }),
  source: ZApiKeySource,
});
export type CreateApiKeyInput = z.infer<typeof ZCreateApiKey>;

export const ZApiKeyId = z.object({ id: z.uuid({ message: "id must be an API key id" }) });

export const ZListApiKeys = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  sort: z.enum(["name", "source", "createdAt", "lastUsedAt"]).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  includeRevoked: z.boolean().default(true),
});
export type ListApiKeysInput = z.infer<typeof ZListApiKeys>;
