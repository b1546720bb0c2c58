import type { CupedResult, ProportionsResult, WelchResult } from "../stats";
import type { EffectMetric, MetricEffect } from "./readout.effects";

/** One arm's counts and rates, as the read-out shows them. */
export interface ArmReadout {
  variantId: string | null;
  key: string;
  name: string;
  isControl: boolean;
  isHoldout: boolean;
  weight: number | null;
  exposures: number;
  conversions: number;
  rate: ProportionsResult["armA"];
  revenuePerCustomer: number | null;
  interference: number;
  /** The arm's value on every metric the read-out shows (revenue winsorised when the experiment caps it). */
  values: Record<EffectMetric, number | null>;
  /** Customers whose revenue was capped (0 without winsorising). */
  capped: number;
}

/** A guardrail on one treatment: the effect, and whether it got significantly worse (higher) than control. */
export interface GuardrailEffect extends MetricEffect {
  worsened: boolean;
}

/** One treatment against control. */
export interface ComparisonReadout {
  variantId: string;
  key: string;
  name: string;
  /** The experiment's primary metric: drives the verdict, the table's columns and the timeline. */
  primary: MetricEffect;
  /** The first other metric, shown in its own block and never mixed into the primary row. */
  secondary: MetricEffect;
  /** Every secondary metric: the other primary candidates, then revenue per converter (delta method). */
  secondaries: MetricEffect[];
  /** Refund rate and discount cost per customer against control. */
  guardrails: GuardrailEffect[];
  /** Holm-adjusted across the treatments on the primary metric (one comparison each against control). */
  pValueHolm: number | null;
  /** Adjusted by the experiment's chosen correction (Holm or Benjamini–Hochberg): drives the verdict. */
  pValueAdjusted: number | null;
  /** The raw tests behind primary/secondary, kept for the CLI's JSON and the CUPED toggle. */
  conversion: ProportionsResult;
  revenue: WelchResult;
  cuped: CupedResult | null;
}

/** An arm (control included) against the holdout, which received nothing: the campaign's own effect. */
export interface HoldoutComparison {
  variantId: string;
  key: string;
  name: string;
  effect: MetricEffect;
}
