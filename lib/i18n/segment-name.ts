import type { Dictionary, Locale } from "./index";
import { clusterNameLabel } from "./feature-label";
import { RFM_PRESETS } from "@/lib/shared/rfm-presets";
import { parseStarterName, starterDescription } from "@/lib/shared/starter-names";

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

/** The system's description of a starter segment in the reader's language; others stay as written. */
export function segmentDescriptionLabel(t: Dictionary, locale: Locale, name: string, description: string | null): string | null {
  const starter = parseStarterName(name);
  if (!starter || description !== starterDescription(starter)) return description;
  const words = t.segments.starterDescriptions;
  switch (starter.kind) {
    case "rfm":
      return words.rfm(RFM_PRESETS[starter.preset].label[locale]);
    case "churn":
      return words.highChurn;
    case "cluster":
      return words.cluster;
  }
}

/** A name a person chose (not a starter shape): data, shown as written in every language. */
export function isChosenSegmentName(name: string): boolean {
  return parseStarterName(name) === null;
}
