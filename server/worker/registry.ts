import { deliverCampaignJob } from "../campaigns";
import { refreshFeaturesJob } from "../features";
import { csvImportJob } from "../ingest";
import { kpiRollupJob } from "../kpi";
import { scoreModelsJob, trainModelJob } from "../models";
import { refreshSegmentsJob } from "../segments";
import type { JobType } from "../jobs";
import { datasetImportJob } from "./dataset-import.job";

/** Every job kind the workers run. Each domain adds its definition here. */
export const JOB_DEFINITIONS: JobType[] = [
  csvImportJob,
  datasetImportJob,
  refreshFeaturesJob,
  refreshSegmentsJob,
  trainModelJob,
  scoreModelsJob,
  deliverCampaignJob,
  kpiRollupJob,
];
