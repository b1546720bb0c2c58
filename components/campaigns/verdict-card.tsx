"use client";

import { useI18n } from "@/lib/i18n/client";
import { count, interval, pp, signedMoney } from "./format";
import { DATA_SLOT as ARM, WithData } from "@/components/ui/with-data";
import type { CampaignResults } from "./types";

/** The plain-language call at the top of the results, with the days still needed when undecided. */
export function VerdictCard({ verdict, ended, correction = "holm" }: { verdict: CampaignResults["verdict"]; ended: boolean; correction?: CampaignResults["options"]["correction"] }) {
  const { t, locale } = useI18n();
  const v = t.campaigns.verdict;
  const r = t.campaigns.results;
  const inUnits = (metric: CampaignResults["metric"]) => (metric === "conversion" ? pp : (x: number) => signedMoney(locale, x));
  let text: string;
  switch (verdict.kind) {
    case "no_data":
      text = v.no_data;
      break;
    case "no_control":
      text = v.no_control(verdict.arms);
      break;
    case "srm":
      text = v.srm;
      break;
    case "winner":
    case "loser": {
      const as = inUnits(verdict.metric);
      const ci = interval(verdict.lower, verdict.upper, as);
      text = verdict.kind === "winner" ? v.winner(ARM, as(verdict.diff), ci, r.adjShort[correction]) : v.loser(ARM, as(verdict.diff), ci);
      break;
    }
    case "undecided": {
      text = v.undecided(ARM, verdict.diff === null ? "—" : inUnits(verdict.metric)(verdict.diff));
      if (verdict.requiredPerArm !== null) {
        const more = verdict.requiredPerArm - verdict.currentPerArm;
        // Once a campaign is over there is no "more days" to wait: say what it would have taken.
        if (more <= 0) text += ` ${v.enough}`;
        else if (ended) text += ` ${v.ended(count(locale, more))}`;
        else
          text += ` ${r.collecting(count(locale, verdict.currentPerArm), count(locale, verdict.requiredPerArm), verdict.daysNeeded === null ? "" : r.collectingDays(verdict.daysNeeded))}`;
      } else if (!ended) text += ` ${r.noBaseline}`;
      break;
    }
  }
  const tone = verdict.kind === "winner" ? "campaigns-verdict-win" : verdict.kind === "loser" || verdict.kind === "srm" ? "campaigns-verdict-bad" : "";
  return (
    <div className={`card campaigns-verdict ${tone}`} data-testid="verdict" data-verdict={verdict.kind}>
      <h3 className="card-title" title={r.help.power}>{v.title}</h3>
      <p>
        <WithData text={text} value={"arm" in verdict ? verdict.arm : ""} />
      </p>
    </div>
  );
}
