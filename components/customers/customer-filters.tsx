"use client";

import { useId } from "react";
import { useI18n } from "@/lib/i18n/client";
import { isChosenSegmentName, segmentNameLabel } from "@/lib/i18n/segment-name";
import { channelLabel, deviceLabel } from "@/lib/i18n/customer-attribute-label";
import { OptionFilter } from "@/components/ui/option-filter";
import type { CustomerFilters, FilterOptions } from "./types";

interface SelectFilterProps {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange(value: string): void;
  disabled?: boolean;
  emptyLabel?: string;
}

function SelectFilter({ label, value, options, onChange, disabled, emptyLabel }: SelectFilterProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <OptionFilter
      id={id}
      label={label}
      allLabel={disabled && emptyLabel ? emptyLabel : t.customers.filters.any}
      className="select-sm"
      value={value || undefined}
      options={options}
      disabled={disabled}
      onChange={(next) => onChange(next ?? "")}
    />
  );
}

const SCORES = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/** Values as stored (regions, age bands imported with the data): shown as written in every language. */
function plain(values: readonly string[]) {
  return values.map((value) => ({ value, label: value, data: true }));
}

/** Attribute, RFM, segment and risk filters; an empty select means "any". */
export function CustomerFilterBar({ options, filters, onChange }: { options: FilterOptions | undefined; filters: CustomerFilters; onChange(next: CustomerFilters): void }) {
  const { t, locale } = useI18n();
  const f = t.customers.filters;
  const set = <K extends keyof CustomerFilters>(key: K, value: CustomerFilters[K]) => onChange({ ...filters, [key]: value });
  const score = (raw: string) => (raw ? Number(raw) : undefined);
  return (
    <div className="toolbar" data-testid="customer-filters" style={{ flexWrap: "wrap", alignItems: "flex-end" }}>
      <SelectFilter label={f.channel} value={filters.channel ?? ""} options={(options?.channel ?? []).map((value) => ({ value, label: channelLabel(t, value) }))} onChange={(v) => set("channel", v || undefined)} />
      <SelectFilter label={f.region} value={filters.region ?? ""} options={plain(options?.region ?? [])} onChange={(v) => set("region", v || undefined)} />
      <SelectFilter
        label={f.cityTier}
        value={filters.cityTier === undefined ? "" : String(filters.cityTier)}
        options={(options?.cityTier ?? []).map((tier) => ({ value: String(tier), label: f.tier(tier) }))}
        onChange={(v) => set("cityTier", v ? Number(v) : undefined)}
      />
      <SelectFilter label={f.ageBand} value={filters.ageBand ?? ""} options={plain(options?.ageBand ?? [])} onChange={(v) => set("ageBand", v || undefined)} />
      <SelectFilter label={f.device} value={filters.device ?? ""} options={(options?.device ?? []).map((value) => ({ value, label: deviceLabel(t, value) }))} onChange={(v) => set("device", v || undefined)} />
      <SelectFilter
        label={f.consent}
        value={filters.consent === undefined ? "" : filters.consent ? "yes" : "no"}
        options={[
          { value: "yes", label: f.yes },
          { value: "no", label: f.no },
        ]}
        onChange={(v) => set("consent", v === "" ? undefined : v === "yes")}
      />
      <SelectFilter label={f.rScore} value={filters.rScore ? String(filters.rScore) : ""} options={SCORES} onChange={(v) => set("rScore", score(v))} />
      <SelectFilter label={f.fScore} value={filters.fScore ? String(filters.fScore) : ""} options={SCORES} onChange={(v) => set("fScore", score(v))} />
      <SelectFilter label={f.mScore} value={filters.mScore ? String(filters.mScore) : ""} options={SCORES} onChange={(v) => set("mScore", score(v))} />
      <SelectFilter
        label={f.segment}
        value={filters.segmentId ?? ""}
        options={(options?.segments ?? []).map((segment) => ({ value: segment.id, label: segmentNameLabel(t, locale, segment.name), data: isChosenSegmentName(segment.name) }))}
        disabled={options !== undefined && options.segments.length === 0}
        emptyLabel={f.noSegments}
        onChange={(v) => set("segmentId", v || undefined)}
      />
      <SelectFilter
        label={f.risk}
        value={filters.risk ?? ""}
        options={(["low", "medium", "high"] as const).map((band) => ({ value: band, label: f.riskBands[band] }))}
        disabled={options !== undefined && !options.hasRiskModel}
        emptyLabel={f.noRiskModel}
        onChange={(v) => set("risk", v === "low" || v === "medium" || v === "high" ? v : undefined)}
      />
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange({ search: filters.search })}>
        {f.clear}
      </button>
    </div>
  );
}
