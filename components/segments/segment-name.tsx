"use client";

import { useI18n } from "@/lib/i18n/client";
import { isChosenSegmentName, segmentNameLabel } from "@/lib/i18n/segment-name";

/** A segment's name: the system's names in the reader's language, a person's name marked as data. */
export function SegmentName({ name }: { name: string }) {
  const { t, locale } = useI18n();
  return <span data-i18n-skip={isChosenSegmentName(name) || undefined}>{segmentNameLabel(t, locale, name)}</span>;
}
