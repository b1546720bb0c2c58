"use client";

import { useI18n } from "@/lib/i18n/client";
import { isChosenSegmentName, segmentNameLabel } from "@/lib/i18n/segment-name";
import { channelLabel } from "@/lib/i18n/customer-attribute-label";
import { shiftDay, type OverviewFilters } from "./use-overview-filters";

interface Options {
  segments: Array<{ id: string; name: string; members: number | null }>;
  channels: string[];
  lastDay: string | null;
}

export function OverviewFilterBar({ options, filters, onChange }: { options: Options | undefined; filters: OverviewFilters; onChange(patch: Record<string, string | null>): void }) {
  const { t, locale } = useI18n();
  const f = t.overview.filters;
  const end = options?.lastDay ?? filters.to;
  const quick = (days: number) => onChange({ from: shiftDay(end, -(days - 1)), to: end });
  return (
    <section className="card overview-filters" aria-label={f.label}>
      <div className="overview-filter-row">
        <label className="field">
          <span className="field-label">{f.from}</span>
          <input className="input" type="date" value={filters.from} max={filters.to} data-testid="filter-from" onChange={(e) => e.target.value && onChange({ from: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{f.to}</span>
          <input className="input" type="date" value={filters.to} min={filters.from} data-testid="filter-to" onChange={(e) => e.target.value && onChange({ to: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{f.segment}</span>
          <select className="select" value={filters.segmentId ?? ""} data-testid="filter-segment" onChange={(e) => onChange({ segment: e.target.value || null })}>
            <option value="">{f.allSegments}</option>
            {options?.segments.map((s) => (
              <option key={s.id} value={s.id} data-i18n-skip={isChosenSegmentName(s.name) || undefined}>
                {s.members === null ? segmentNameLabel(t, locale, s.name) : `${segmentNameLabel(t, locale, s.name)} (${s.members})`}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{f.channel}</span>
          <select className="select" value={filters.channel ?? ""} data-testid="filter-channel" onChange={(e) => onChange({ channel: e.target.value || null })}>
            <option value="">{f.allChannels}</option>
            {options?.channels.map((c) => (
              <option key={c} value={c}>
                {channelLabel(t, c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{f.compare}</span>
          <select className="select" value={filters.compare} data-testid="filter-compare" onChange={(e) => onChange({ compare: e.target.value === "year" ? "year" : null })}>
            <option value="previous">{f.previous}</option>
            <option value="year">{f.year}</option>
          </select>
        </label>
        <div className="overview-filter-presets" role="group" aria-label={f.label}>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => quick(7)}>
            {f.last7}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => quick(30)}>
            {f.last30}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => quick(90)}>
            {f.last90}
          </button>
        </div>
      </div>
      <p className="field-hint">{f.share}</p>
    </section>
  );
}
