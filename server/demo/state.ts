export const SUBSCRIPTION_PERIOD_DAYS = 30;

/** Mutable per-customer state; one instance per customer keeps the simulation re-entrant. */
export class CustomerState {
  readonly owned: Uint8Array;
  readonly learnItems: number[] = [];
  readonly learnProgress: number[] = [];
  trackStep = 0;
  purchases = 0;
  subscription = -1;
  nextRenewDay = -1;
  refundProduct = -1;
  refundAmount = 0;
  refundDay = -1;
  constructor(products: number) {
    this.owned = new Uint8Array(products);
  }
}

