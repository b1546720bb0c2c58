import { createApiKey, listApiKeys, revokeApiKey, ZApiKeyId, ZCreateApiKey, ZListApiKeys } from "../../ingest";
import { permissionProcedure, router } from "../trpc";

export const apiKeysRouter = router({
  list: permissionProcedure("data.import")
    .input(ZListApiKeys)
    .query(({ ctx, input }) => listApiKeys(ctx.db, input)),
  create: permissionProcedure("data.import")
    .input(ZCreateApiKey)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.user, input)),
  revoke: permissionProcedure("data.import")
    .input(ZApiKeyId)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.user, input.id)),
});
