import { TRACKS } from "./catalogue-data";
import type { DemoPlan, IdBases } from "./generate";
import { PERSONA_PARAMS, PERSONAS, type Persona } from "./personas";
import type { CustomerProfile } from "./profiles";

export interface PersonaCounts {
  customers: number;
  churners: number;
  withTrack: number;
}

/** Tallies planted truth while profiles stream past, for the run's summary row. */
export class TruthTally {
  readonly byPersona = new Map<Persona, PersonaCounts>(PERSONAS.map((p) => [p, { customers: 0, churners: 0, withTrack: 0 }]));

  add(profile: CustomerProfile): void {
    const counts = this.byPersona.get(profile.persona);
    if (!counts) return;
    counts.customers++;
    if (profile.churns) counts.churners++;
    if (profile.track >= 0) counts.withTrack++;
  }
}

/** The run-level truth stored in demo_runs.truth: what models should recover. */
export function runTruth(plan: DemoPlan, bases: IdBases, tally?: TruthTally, eventsByType?: Record<string, number>): Record<string, unknown> {
  const { calendar, catalogue, options } = plan;
  const iso = (sec: number) => new Date(sec * 1000).toISOString();
  return {
    generator: "stratum-demo/1",
    seed: options.seed,
    window: {
      startAt: iso(calendar.startSec),
      endAt: iso(calendar.endSec),
      days: calendar.days,
      churnCutoffAt: iso(calendar.cutoffSec),
      churnWindowDays: calendar.days - calendar.cutoffDay,
      decayDays: calendar.decayDays,
      timezone: "Asia/Shanghai",
    },
    promotion: {
      key: calendar.promotion.key,
      zh: calendar.promotion.zh,
      en: calendar.promotion.en,
      startAt: iso(calendar.startSec + calendar.promotion.firstDay * 86_400),
      endAt: iso(calendar.startSec + (calendar.promotion.lastDay + 1) * 86_400),
      couponCode: calendar.promotion.couponCode,
    },
    churn: {
      definition: "churns_after_cutoff = no events at or after churnCutoffAt",
      signalsBeforeCutoff: ["sessions fade to ~15% over decayDays", "learning progress stalls", "low ratings", "subscription cancelled"],
    },
    personas: Object.fromEntries(
      PERSONAS.map((persona) => {
        const p = PERSONA_PARAMS[persona];
        return [persona, { label: p.label, share: p.share, churnProb: p.churnProb, campaignBaseline: p.baseline, trueUplift: p.uplift, ...tally?.byPersona.get(persona) }];
      }),
    ),
    tracks: TRACKS.map((track, i) => ({
      key: track.key,
      zh: track.zh,
      en: track.en,
      products: (catalogue.trackCourses[i] ?? []).map((index) => {
        const p = catalogue.products[index];
        return { id: bases.product + index + 1, externalId: p?.externalId, titleZh: p?.titleZh, titleEn: p?.titleEn };
      }),
    })),
    ...(eventsByType ? { eventsByType } : {}),
  };
}
