import { deliverCampaignJob } from "../campaigns/deliver.job";
import { refreshFeaturesJob } from "../features/refresh.job";
import { csvImportJob } from "../ingest/csv/job";
import { kpiRollupJob } from "../kpi/rollup.job";
import { scoreModelsJob } from "../models/score.job";
import { trainModelJob } from "../models/train.job";
import { refreshSegmentsJob } from "../segments/refresh.job";
import type { JobType } from "../jobs/definition";

/** Every job kind the workers run. Each domain adds its definition here. */
export const JOB_DEFINITIONS: JobType[] = [
  csvImportJob,
  refreshFeaturesJob,
  refreshSegmentsJob,
  trainModelJob,
  scoreModelsJob,
  deliverCampaignJob,
  kpiRollupJob,
];
