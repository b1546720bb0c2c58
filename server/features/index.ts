export { allowLargeAggregates, applyReviewSentiment, createFeatureSnapshotTable, deleteAllFeatures, distinctReviewTexts, insertFeatures, latestEventTime } from "./features.repo";
export type { FeatureTable } from "./features.repo";
export { refreshFeaturesJob } from "./refresh.job";
export { featureRefreshJob, latestFeatureRefreshJob, requestFeatureRefresh } from "./refresh.service";
export { refreshFeatures } from "./refresh";
export { NEGATIVE_TERMS } from "./sentiment-lexicon";
export { labelFor, scoreSentiment } from "./sentiment";
export { featureTableStatus } from "./status.repo";
