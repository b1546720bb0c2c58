"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { useI18n } from "@/lib/i18n/client";
import { isChosenSegmentName, segmentNameLabel } from "@/lib/i18n/segment-name";
import { FormField } from "@/components/ui/form-field";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/components/customers/format";
import { PowerCalculator } from "./power-calculator";
import type { CampaignDetail } from "./types";

const GOALS = ["first_purchase", "revenue_per_customer", "renewal", "completion"] as const;
const PRIMARY_METRICS = ["auto", "conversion", "revenue", "net_revenue"] as const;
const CORRECTIONS = ["holm", "bh"] as const;
const WINSORISE = ["off", "p99", "p95"] as const;
const CHANNELS = ["email", "push", "in_app", "sms", "coupon"] as const;

interface ArmDraft {
  key: string;
  name: string;
  isControl: boolean;
  weight: string;
  message: string;
  coupon: string;
  product: string;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const optionalNumber = (text: string) => (text.trim() === "" ? null : Number(text));

/** The holdout field as a share, 0 while it is not a number in range (the form reports that itself). */
const plannedHoldout = (text: string) => {
  const share = Number(text) / 100;
  return text.trim() !== "" && share >= 0 && share <= 0.5 ? share : 0;
};

/** Days from the planned start to the planned end; undefined unless both are set and in order. */
const plannedDays = (from: string, to: string) => {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return Number.isFinite(days) && days > 0 ? Math.min(days, 3660) : undefined;
};

const dayOf = (value: Date | string | null | undefined, fallback: string) => (value ? new Date(value).toISOString().slice(0, 10) : fallback);

function armsOf(draft: CampaignDetail): ArmDraft[] {
  return draft.variants.map((v) => ({
    key: v.key,
    name: v.name,
    isControl: v.isControl,
    weight: String(v.weight),
    message: v.message ?? "",
    coupon: v.couponPercentOff === null ? "" : String(v.couponPercentOff),
    product: v.offerProductId === null ? "" : String(v.offerProductId),
  }));
}

/** New campaign, or (with `draft`) the same form filled in from a draft, saved back to it. */
export function CampaignBuilder({ draft }: { draft?: CampaignDetail } = {}) {
  const { t, locale } = useI18n();
  const c = t.campaigns;
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors(c.formFailed);
  const segments = useQuery(trpc.segments.list.queryOptions({ pageSize: 100, sort: "name", direction: "asc" }));
  const products = useQuery(trpc.campaigns.products.queryOptions());
  const [name, setName] = useState(draft?.name ?? "");
  const [goal, setGoal] = useState<(typeof GOALS)[number]>(draft?.goal ?? "first_purchase");
  const [segmentId, setSegmentId] = useState(draft?.segmentId ?? "");
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>(draft?.channel ?? "email");
  const [allocation, setAllocation] = useState<"fixed" | "thompson">(draft?.allocation ?? "fixed");
  const [holdout, setHoldout] = useState(draft ? String(Math.round(draft.holdoutShare * 1000) / 10) : "10");
  const [startsAt, setStartsAt] = useState(dayOf(draft?.startsAt, day(0)));
  const [endsAt, setEndsAt] = useState(dayOf(draft?.endsAt, day(28)));
  const [attribution, setAttribution] = useState(draft ? String(draft.attributionDays) : "14");
  const [primaryMetric, setPrimaryMetric] = useState<(typeof PRIMARY_METRICS)[number]>(draft?.primaryMetric ?? "auto");
  const [correction, setCorrection] = useState<(typeof CORRECTIONS)[number]>(draft?.correction ?? "holm");
  const [winsorise, setWinsorise] = useState<(typeof WINSORISE)[number]>(draft?.winsorise ?? "off");
  const [arms, setArms] = useState<ArmDraft[]>(
    draft
      ? armsOf(draft)
      : [
          { key: "control", name: "Control", isControl: true, weight: "1", message: "", coupon: "", product: "" },
          { key: "treatment-1", name: c.treatment(1), isControl: false, weight: "1", message: "", coupon: "20", product: "" },
        ],
  );

  const create = useMutation(
    trpc.campaigns.create.mutationOptions({
      onSuccess(created) {
        toast.success(c.created);
        router.push(`/campaigns/${created.id}`);
      },
      onError: (error) => errors.show(error),
    }),
  );

  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.campaigns.update.mutationOptions({
      async onSuccess(saved) {
        // The detail page reads the campaign from the cache: it must show what was just saved.
        await queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
        toast.success(c.saved);
        router.push(`/campaigns/${saved.id}`);
      },
      onError: (error) => errors.show(error),
    }),
  );
  const pending = create.isPending || save.isPending;

  const update = (i: number, patch: Partial<ArmDraft>) => setArms((current) => current.map((arm, k) => (k === i ? { ...arm, ...patch } : arm)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const campaign = {
      name,
      goal,
      segmentId,
      channel,
      allocation,
      holdoutShare: Number(holdout) / 100,
      startsAt: new Date(`${startsAt}T00:00:00Z`),
      endsAt: new Date(`${endsAt}T00:00:00Z`),
      attributionDays: Number(attribution),
      primaryMetric: primaryMetric === "auto" ? null : primaryMetric,
      correction,
      winsorise,
      variants: arms.map((arm) => ({
        key: arm.key,
        name: arm.name,
        isControl: arm.isControl,
        weight: Number(arm.weight),
        message: arm.message.trim() || null,
        couponPercentOff: arm.isControl ? null : optionalNumber(arm.coupon),
        offerProductId: optionalNumber(arm.product),
      })),
    };
    if (draft) save.mutate({ id: draft.id, campaign });
    else create.mutate(campaign);
  };
  const f = c.fields;
  const o = c.readoutOptions;
  const e = errors.fieldErrors;
  return (
    <div className="campaigns-builder">
      <form className="card" onSubmit={submit} noValidate data-testid="campaign-builder">
        {errors.formError && <div className="alert alert-error">{errors.formError}</div>}
        <div className="form-grid">
          <FormField id="campaign-name" label={f.name} error={e.name}>
            {(props) => <input {...props} className="input" value={name} onChange={(ev) => setName(ev.target.value)} maxLength={120} />}
          </FormField>
          <FormField id="campaign-segment" label={f.segment} error={e.segmentId} hint={segments.data?.rows.length === 0 ? c.noSegments : undefined}>
            {(props) => (
              <select {...props} className="select" value={segmentId} onChange={(ev) => setSegmentId(ev.target.value)}>
                <option value="">{c.chooseSegment}</option>
                {segments.data?.rows.map((s) => (
                  <option key={s.id} value={s.id} data-i18n-skip={isChosenSegmentName(s.name) || undefined}>
                    {segmentNameLabel(t, locale, s.name)}
                    {s.memberCount !== null ? ` (${s.memberCount})` : ""}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="campaign-goal" label={f.goal} error={e.goal}>
            {(props) => (
              <select {...props} className="select" value={goal} onChange={(ev) => setGoal(ev.target.value as (typeof GOALS)[number])}>
                {GOALS.map((g) => (
                  <option key={g} value={g}>
                    {c.goal[g]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="campaign-channel" label={f.channel} error={e.channel}>
            {(props) => (
              <select {...props} className="select" value={channel} onChange={(ev) => setChannel(ev.target.value as (typeof CHANNELS)[number])}>
                {CHANNELS.map((ch) => (
                  <option key={ch} value={ch}>
                    {c.channel[ch]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="campaign-allocation" label={f.allocation} error={e.allocation}>
            {(props) => (
              <select {...props} className="select" value={allocation} onChange={(ev) => setAllocation(ev.target.value as "fixed" | "thompson")}>
                <option value="fixed">{c.allocation.fixed}</option>
                <option value="thompson">{c.allocation.thompson}</option>
              </select>
            )}
          </FormField>
          <FormField id="campaign-holdout" label={f.holdout} error={e.holdoutShare}>
            {(props) => <input {...props} className="input" type="number" min={0} max={50} step={1} value={holdout} onChange={(ev) => setHoldout(ev.target.value)} />}
          </FormField>
          <FormField id="campaign-starts" label={f.startsAt} error={e.startsAt}>
            {(props) => <input {...props} className="input" type="date" value={startsAt} onChange={(ev) => setStartsAt(ev.target.value)} />}
          </FormField>
          <FormField id="campaign-ends" label={f.endsAt} error={e.endsAt}>
            {(props) => <input {...props} className="input" type="date" value={endsAt} onChange={(ev) => setEndsAt(ev.target.value)} />}
          </FormField>
          <FormField id="campaign-attribution" label={f.attribution} error={e.attributionDays}>
            {(props) => <input {...props} className="input" type="number" min={1} max={90} value={attribution} onChange={(ev) => setAttribution(ev.target.value)} />}
          </FormField>
          <FormField id="campaign-primary-metric" label={f.primaryMetric} error={e.primaryMetric}>
            {(props) => (
              <select {...props} className="select" title={o.help.primaryMetric} value={primaryMetric} onChange={(ev) => setPrimaryMetric(ev.target.value as (typeof PRIMARY_METRICS)[number])}>
                {PRIMARY_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {o.primaryMetric[m]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="campaign-correction" label={f.correction} error={e.correction}>
            {(props) => (
              <select {...props} className="select" title={o.help.correction} value={correction} onChange={(ev) => setCorrection(ev.target.value as (typeof CORRECTIONS)[number])}>
                {CORRECTIONS.map((m) => (
                  <option key={m} value={m}>
                    {o.correction[m]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="campaign-winsorise" label={f.winsorise} error={e.winsorise}>
            {(props) => (
              <select {...props} className="select" title={o.help.winsorise} value={winsorise} onChange={(ev) => setWinsorise(ev.target.value as (typeof WINSORISE)[number])}>
                {WINSORISE.map((m) => (
                  <option key={m} value={m}>
                    {o.winsorise[m]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <fieldset className="campaigns-arms">
          <legend>{f.variants}</legend>
          {e.variants && <p className="field-error" data-testid="campaign-variants-error">{e.variants}</p>}
          {arms.map((arm, i) => (
            <div className="campaigns-arm" key={i} data-testid="campaign-arm">
              <strong>{arm.isControl ? f.control : c.treatment(i)}</strong>
              <div className="form-grid">
                <div className="field">
                  <label htmlFor={`arm-${i}-key`}>{f.key}</label>
                  <input className="input" id={`arm-${i}-key`} value={arm.key} onChange={(ev) => update(i, { key: ev.target.value })} />
                </div>
                <div className="field">
                  <label htmlFor={`arm-${i}-name`}>{f.armName}</label>
                  <input className="input" id={`arm-${i}-name`} value={arm.name} onChange={(ev) => update(i, { name: ev.target.value })} />
                </div>
                <div className="field">
                  <label htmlFor={`arm-${i}-weight`}>{f.weight}</label>
                  <input className="input" id={`arm-${i}-weight`} type="number" min={0.01} step={0.1} value={arm.weight} onChange={(ev) => update(i, { weight: ev.target.value })} />
                </div>
                <div className="field campaigns-wide">
                  <label htmlFor={`arm-${i}-message`}>{f.message}</label>
                  <input className="input" id={`arm-${i}-message`} value={arm.message} onChange={(ev) => update(i, { message: ev.target.value })} maxLength={1000} />
                </div>
                {!arm.isControl && (
                  <div className="field">
                    <label htmlFor={`arm-${i}-coupon`}>{f.coupon}</label>
                    <input className="input" id={`arm-${i}-coupon`} type="number" min={0} max={90} value={arm.coupon} onChange={(ev) => update(i, { coupon: ev.target.value })} />
                  </div>
                )}
                <div className="field campaigns-wide">
                  <label htmlFor={`arm-${i}-product`}>{f.product}</label>
                  <select className="select" id={`arm-${i}-product`} value={arm.product} onChange={(ev) => update(i, { product: ev.target.value })} disabled={!products.data}>
                    <option value="">{products.isError ? c.productsFailed : products.data ? c.noProduct : c.loadingProducts}</option>
                    {products.data?.map((p) => (
                      <option key={p.id} value={String(p.id)} data-i18n-skip>
                        {`${locale === "zh" ? p.titleZh : p.titleEn} · ${formatMoney(locale, p.priceCents)}`}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {!arm.isControl && arms.length > 2 && (
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => setArms((current) => current.filter((_, k) => k !== i))}>
                  {c.removeArm}
                </button>
              )}
            </div>
          ))}
          {arms.length < 8 && (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => setArms((current) => [...current, { key: `treatment-${current.length}`, name: c.treatment(current.length), isControl: false, weight: "1", message: "", coupon: "", product: "" }])}
            >
              {c.addTreatment}
            </button>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="campaign-create">
            {draft ? (save.isPending ? c.saving : c.saveDraft) : create.isPending ? c.creating : c.create}
          </button>
        </div>
      </form>
      <PowerCalculator arms={arms.length} segmentId={segmentId || undefined} holdoutShare={plannedHoldout(holdout)} plannedDays={plannedDays(startsAt, endsAt)} />
    </div>
  );
}
