import type { CupedResult, ProportionsResult, WelchResult } from "../stats";
import type { MetricEffect } from "./readout.effects";

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
}

/** One treatment against control. */
export interface ComparisonReadout {
  variantId: string;
  key: string;
  name: string;
  /** The experiment's primary metric: drives the verdict, the table's columns and the timeline. */
  primary: MetricEffect;
  /** The other metric, shown in its own block and never mixed into the primary row. */
  secondary: MetricEffect;
  /** Holm-adjusted across the treatments on the primary metric (one comparison each against control). */
  pValueHolm: number | null;
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
