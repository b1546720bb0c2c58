import type { Dictionary, Locale } from "./index";
import { clusterNameLabel } from "./feature-label";
import { RFM_PRESETS } from "@/server/segments/rfm-presets";
import { parseStarterName } from "@/server/segments/starter-names";

/** A segment's name in the reader's language when the system named it; names people chose stay as written. */
export function segmentNameLabel(t: Dictionary, locale: Locale, name: string): string {
  const starter = parseStarterName(name);
  if (!starter) return name;
  const words = t.segments.starterNames;
  switch (starter.kind) {
    case "rfm":
      return words.rfm(RFM_PRESETS[starter.preset].label[locale]);
    case "churn":
      return words.highChurn;
    case "cluster":
      return words.cluster(starter.cluster, clusterNameLabel(t, starter.clusterName));
  }
}
