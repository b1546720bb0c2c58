export { allowLargeAggregates, deleteBuild, latestEventTime } from "./features.repo";
export { buildFeatures } from "./build";
export type { FeatureBuild } from "./build";
export { refreshFeaturesJob } from "./refresh.job";
export { featureRefreshJob, latestFeatureRefreshJob, requestFeatureRefresh } from "./refresh.service";
export { refreshFeatures } from "./refresh";
export { NEGATIVE_TERMS } from "./sentiment-lexicon";
export { labelFor, scoreSentiment } from "./sentiment";
export { featureTableStatus } from "./status.repo";
