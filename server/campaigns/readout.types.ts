import type { CupedResult, ProportionsResult, WelchResult } from "../stats";

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
  conversion: ProportionsResult;
  /** Holm-adjusted across the treatments (one comparison each against control). */
  pValueHolm: number | null;
  probBeatControl: number;
  expectedLoss: number;
  revenue: WelchResult;
  cuped: CupedResult | null;
}
