/**
 * Public API of the A/B statistics engine. Everything here is a pure function of numbers and
 * arrays returning plain JSON-serializable objects; undefined quantities are `{ defined: false,
 * reason }` rather than NaN. Invalid arguments throw RangeError naming the argument.
 */
export type { Interval, Outcome, Undefined } from "./outcome";

export { compareProportions, wilsonInterval } from "./proportions";
export type { ArmRate, ProportionsInput, ProportionsOptions, ProportionsResult } from "./proportions";

export { welchTest, welchFromSamples, summarize } from "./welch";
export type { ArmSummary, WelchInput, WelchResult } from "./welch";

export { welchBlock, relativeLift, meanRelative } from "./relative";
export type {
  ArmAggregate,
  ArmMoments,
  EstimateOptions,
  MeanRelativeInput,
  MeanRelativeResult,
  NormalTest,
  RelativeLift,
  RelativeLiftInput,
  WelchBlock,
} from "./relative";

export { ratioDelta, ratioSumsFromUnits } from "./ratio";
export type { RatioArm, RatioDeltaResult, RatioSums, RatioUnits } from "./ratio";

export { pooledQuantile, winsorisedWelch } from "./winsorise";
export type { WinsorisedWelchInput, WinsorisedWelchResult } from "./winsorise";

export { postStratified } from "./post-stratify";
export type { PostStratifiedResult, Stratum } from "./post-stratify";

export { bayesProportions, posterior, probGreater, expectedShortfall } from "./bayes";
export { normalDifferenceBayes } from "./bayes-normal";
export type { NormalBayesResult } from "./bayes-normal";
export type { BayesInput, BayesResult, BetaPosterior } from "./bayes";

export { sampleRatioMismatch } from "./srm";
export type { SrmResult } from "./srm";

export { holmAdjust } from "./holm";
export { benjaminiHochberg } from "./bh";

export { confidenceSequence } from "./sequential";
export type { ConfidenceSequenceInput, ConfidenceSequenceResult } from "./sequential";

export { cuped, cupedFromMoments } from "./cuped";
export type { CupedInput, CupedMoments, CupedResult } from "./cuped";
export { cupedMulti, cupedMultiSumsFromUnits } from "./cuped-multi";
export type { CupedMultiResult, CupedMultiSums, CupedMultiUnits } from "./cuped-multi";

export { proportionSampleSize, proportionPower, meanSampleSize, meanPower } from "./power";
export type { EffectType, MeanSampleSizeInput, ProportionSampleSizeInput, ProportionSampleSizeResult, SampleSizeResult } from "./power";
export { proportionPowerPlan } from "./power-ratio";
export type { ProportionPowerPlan, ProportionPowerPlanInput } from "./power-ratio";

export { thompsonAllocation, thompsonChoose } from "./thompson";
export type { BanditArm, ThompsonOptions, ThompsonResult } from "./thompson";

export { createRng, sampleBeta, sampleGamma, sampleNormal } from "./random";
export type { Rng } from "./random";

export {
  normalCdf,
  normalSf,
  normalQuantile,
  normalTwoSidedP,
  studentTCdf,
  studentTSf,
  studentTQuantile,
  studentTTwoSidedP,
  chiSquareSf,
  betaPdf,
  betaTails,
} from "./distributions";
