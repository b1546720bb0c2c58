"use client";

import { useI18n } from "@/lib/i18n/client";
import { isChosenSegmentName, segmentDescriptionLabel, segmentNameLabel } from "@/lib/i18n/segment-name";

/** A segment's name: the system's names in the reader's language, a person's name marked as data. */
export function SegmentName({ name }: { name: string }) {
  const { t, locale } = useI18n();
  return <span data-i18n-skip={isChosenSegmentName(name) || undefined}>{segmentNameLabel(t, locale, name)}</span>;
}

/**
 * A segment's description: a starter segment's in the reader's language; any other is stored text
 * (typed by a person, or written when a segment was saved from a list), marked as data.
 */
export function SegmentDescription({ name, description }: { name: string; description: string }) {
  const { t, locale } = useI18n();
  const label = segmentDescriptionLabel(t, locale, name, description);
  return (
    <span data-i18n-skip={label === description || undefined}>
      {label}
    </span>
  );
}
