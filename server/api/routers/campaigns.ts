import { z } from "zod";
import { banditSimulation, campaignReadout, createCampaign, createPersuadablesSegment, deleteDraft, deliverCampaign, exportAudience, getCampaign, listCampaigns, listOfferProducts, powerPlan, refreshOutcomes, simulateCampaign, transitionCampaign, updateCampaign, upliftReport, ZCampaignId, ZCampaignInput, ZExportAudience, ZListCampaigns, ZPersuadables, ZPowerInput, ZResultsQuery, ZSimulate, ZUpdateCampaign } from "../../campaigns";
import { env } from "../../env";
import { permissionProcedure, router } from "../trpc";

const ZTransition = ZCampaignId.extend({ note: z.string().trim().max(500, { message: "note must be at most 500 characters" }).optional() });

export const campaignsRouter = router({
  list: permissionProcedure("campaigns.read")
    .input(ZListCampaigns)
    .query(({ ctx, input }) => listCampaigns(ctx.db, input)),
  products: permissionProcedure("campaigns.read").query(({ ctx }) => listOfferProducts(ctx.db)),
  get: permissionProcedure("campaigns.read")
    .input(ZCampaignId)
    .query(({ ctx, input }) => getCampaign(ctx.db, ctx.user, input.id)),
  create: permissionProcedure("campaigns.write")
    .input(ZCampaignInput)
    .mutation(({ ctx, input }) => createCampaign(ctx.db, ctx.user, input)),
  update: permissionProcedure("campaigns.write")
    .input(ZUpdateCampaign)
    .mutation(({ ctx, input }) => updateCampaign(ctx.db, ctx.user, input.id, input.campaign)),
  deleteDraft: permissionProcedure("campaigns.write")
    .input(ZCampaignId)
    .mutation(({ ctx, input }) => deleteDraft(ctx.db, ctx.user, input.id)),
  submit: permissionProcedure("campaigns.write")
    .input(ZTransition)
    .mutation(({ ctx, input }) => transitionCampaign(ctx.db, ctx.user, input.id, "submit", input.note)),
  approve: permissionProcedure("campaigns.approve")
    .input(ZTransition)
    .mutation(({ ctx, input }) => transitionCampaign(ctx.db, ctx.user, input.id, "approve", input.note)),
  reject: permissionProcedure("campaigns.approve")
    .input(ZTransition)
    .mutation(({ ctx, input }) => transitionCampaign(ctx.db, ctx.user, input.id, "reject", input.note)),
  stop: permissionProcedure("campaigns.write")
    .input(ZTransition)
    .mutation(({ ctx, input }) => transitionCampaign(ctx.db, ctx.user, input.id, "stop", input.note)),
  complete: permissionProcedure("campaigns.write")
    .input(ZTransition)
    .mutation(({ ctx, input }) => transitionCampaign(ctx.db, ctx.user, input.id, "complete", input.note)),
  results: permissionProcedure("campaigns.read")
    .input(ZResultsQuery)
    .query(({ ctx, input }) => campaignReadout(ctx.db, input.id, { cuped: input.cuped })),
  power: permissionProcedure("campaigns.read")
    .input(ZPowerInput)
    .query(({ ctx, input }) => powerPlan(ctx.db, input)),
  exportAudience: permissionProcedure("audience.export")
    .input(ZExportAudience)
    .mutation(({ ctx, input }) => exportAudience(ctx.db, ctx.user, input.id, input.format, env().STRATUM_EXPORT_MIN_SIZE)),
  deliver: permissionProcedure("campaigns.write")
    .input(ZCampaignId)
    .mutation(({ ctx, input }) => deliverCampaign(ctx.db, ctx.user, input.id)),
  simulate: permissionProcedure("campaigns.write")
    .input(ZSimulate)
    .mutation(({ ctx, input }) => simulateCampaign(ctx.db, ctx.user, input.id, input.seed)),
  refreshOutcomes: permissionProcedure("campaigns.write")
    .input(ZCampaignId)
    .mutation(({ ctx, input }) => refreshOutcomes(ctx.db, input.id)),
  banditSimulation: permissionProcedure("campaigns.read")
    .input(ZCampaignId)
    .query(({ ctx, input }) => banditSimulation(ctx.db, input.id)),
  uplift: permissionProcedure("campaigns.read")
    .input(ZCampaignId)
    .query(({ ctx, input }) => upliftReport(ctx.db, input.id)),
  persuadables: permissionProcedure("segments.write")
    .input(ZPersuadables)
    .mutation(({ ctx, input }) => createPersuadablesSegment(ctx.db, ctx.user, input)),
});
