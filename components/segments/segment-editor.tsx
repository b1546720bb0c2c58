"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { readError, readIssues } from "@/lib/trpc/errors";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/layout/page-header";
import { FormField } from "@/components/ui/form-field";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { ClusterDefinition, CrossSellDefinition, RfmPresetName, RuleGroup, ScoreDefinition, SegmentDefinition } from "@/server/segments";
import { SEGMENT_KIND_NAMES } from "@/lib/shared/segment-fields";
import { ManualPanel } from "./manual-panel";
import { ClusterPanel, CrossSellPanel, ScorePanel } from "./model-panels";
import { RfmPanel } from "./rfm-panel";
import { RuleBuilder } from "./rule-builder";
import { emptyGroup } from "./rule-defaults";
import { issueMap, placeServerIssues, ruleIssues, type RuleIssue } from "./rule-issues";
import { useDebounced } from "./use-debounced";
import { SegmentName } from "./segment-name";

type Kind = (typeof SEGMENT_KIND_NAMES)[number];

interface Drafts {
  rule: RuleGroup;
  rfm: RfmPresetName;
  cluster: ClusterDefinition;
  score: ScoreDefinition;
  crossSell: CrossSellDefinition | null;
  manual: number[] | null;
}

const INITIAL: Drafts = {
  rule: { kind: "group", combinator: "and", children: [{ kind: "feature", field: "r_score", op: "gte", value: 4 }] },
  rfm: "champions",
  cluster: { kind: "cluster", cluster: 0 },
  score: { kind: "score", task: "propensity", decile: 1 },
  crossSell: null,
  manual: null,
};

function definitionOf(kind: Kind, d: Drafts): SegmentDefinition | null {
  switch (kind) {
    case "rule":
      return { kind: "rule", rule: d.rule };
    case "rfm":
      return { kind: "rfm", preset: d.rfm };
    case "cluster":
      return d.cluster;
    case "score":
      return d.score;
    case "cross_sell":
      return d.crossSell;
    case "manual":
      return d.manual ? { kind: "manual", customerIds: d.manual } : null;
  }
}

function draftsFrom(definition: SegmentDefinition): Drafts {
  switch (definition.kind) {
    case "rule":
      return { ...INITIAL, rule: definition.rule };
    case "rfm":
      return { ...INITIAL, rfm: definition.preset };
    case "cluster":
      return { ...INITIAL, cluster: definition };
    case "score":
      return { ...INITIAL, score: definition };
    case "cross_sell":
      return { ...INITIAL, crossSell: definition };
    case "manual":
      return { ...INITIAL, manual: definition.customerIds };
  }
}

/** Create or edit any kind of segment, with the matching count previewed live as it changes. */
export function SegmentEditor({ segmentId }: { segmentId?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const existing = useQuery({ ...trpc.segments.get.queryOptions({ id: segmentId ?? "" }), enabled: segmentId !== undefined });
  if (segmentId === undefined) return <EditorForm />;
  if (existing.isError) return <p className="alert alert-error">{t.segments.detail.notFound}</p>;
  if (!existing.data) return <Skeleton height={300} />;
  return (
    <>
      <PageHeader
        title={
          <>
            {t.segments.detail.edit}: <SegmentName name={existing.data.name} />
          </>
        }
      />
      <EditorForm segmentId={segmentId} initial={{ kind: existing.data.definition.kind, drafts: draftsFrom(existing.data.definition), name: existing.data.name, description: existing.data.description ?? "" }} />
    </>
  );
}

interface Initial {
  kind: Kind;
  drafts: Drafts;
  name: string;
  description: string;
}

function EditorForm({ segmentId, initial }: { segmentId?: string; initial?: Initial }) {
  const { t, locale } = useI18n();
  const s = t.segments;
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const errors = useFormErrors(s.saveFailed);
  const [kind, setKind] = useState<Kind>(initial?.kind ?? "rule");
  const [drafts, setDrafts] = useState<Drafts>(initial?.drafts ?? INITIAL);
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");

  const sources = useQuery(trpc.segments.modelSources.queryOptions());
  const definition = useMemo(() => definitionOf(kind, drafts), [kind, drafts]);
  // A rule's unusable values, by input; while there are any, nothing is sent to be counted.
  const issues = useMemo(() => (kind === "rule" ? ruleIssues(drafts.rule, t, { requireText: true }) : []), [kind, drafts.rule, t]);
  const [revealAll, setRevealAll] = useState(false);
  const [savedIssues, setSavedIssues] = useState<RuleIssue[]>([]);
  const settled = useDebounced(definition, 350);
  const count = useQuery({
    ...trpc.segments.count.queryOptions({ definition: settled as SegmentDefinition }),
    enabled: settled !== null && issues.length === 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const countIssues = useMemo(
    () => (kind === "rule" && count.isError && settled?.kind === "rule" ? placeServerIssues(settled.rule, readIssues(count.error), t) : []),
    [kind, count.isError, count.error, settled, t],
  );
  const serverIssues = useMemo(() => issueMap([...savedIssues, ...countIssues]), [savedIssues, countIssues]);
  const setRule = (rule: RuleGroup) => {
    setSavedIssues([]);
    setDrafts((d) => ({ ...d, rule }));
  };
  const population = useQuery(trpc.segments.count.queryOptions({ definition: { kind: "rule", rule: emptyGroup() } }));

  const onSaved = (row: { id: string }) => {
    toast.success(s.saved);
    router.push(`/segments/${row.id}`);
  };
  const onError = (error: unknown) => {
    const placed = kind === "rule" ? placeServerIssues(drafts.rule, readIssues(error), t) : [];
    setSavedIssues(placed);
    if (placed.length > 0) {
      // The rule's own inputs say what is wrong, in words; zod's summary would only repeat it worse.
      errors.clear();
      toast.error(s.builder.fixHighlighted);
      return;
    }
    errors.show(error);
    toast.error(readError(error, s.saveFailed).message);
  };
  const create = useMutation(trpc.segments.create.mutationOptions({ onSuccess: onSaved, onError }));
  const update = useMutation(trpc.segments.update.mutationOptions({ onSuccess: (row) => row && onSaved(row), onError }));
  const busy = create.isPending || update.isPending;

  const save = () => {
    errors.clear();
    if (!definition) {
      toast.error(kind === "manual" ? s.manual.needResolve : s.crossSell.pick);
      return;
    }
    if (issues.length > 0) {
      setRevealAll(true);
      toast.error(s.builder.fixHighlighted);
      return;
    }
    const payload = { name, description: description.trim() || null, definition };
    if (segmentId) update.mutate({ id: segmentId, ...payload });
    else create.mutate(payload);
  };
  const countError =
    issues.length > 0 && kind === "rule"
      ? s.builder.completeToCount
      : count.isError
        ? countIssues.length > 0
          ? s.builder.fixHighlighted
          : readError(count.error, s.countFailed).message
        : null;
  const share = count.data !== undefined && population.data && !(kind === "rule" && issues.length > 0) ? count.data / population.data : null;

  return (
    <form
      className="segments-editor"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="segments-editor-main">
        <div className="form-grid">
          <FormField id="segment-name" label={s.name} error={errors.fieldErrors.name}>
            {(props) => <input {...props} className="input" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} required />}
          </FormField>
          <FormField id="segment-description" label={s.description} error={errors.fieldErrors.description}>
            {(props) => <input {...props} className="input" value={description} onChange={(event) => setDescription(event.target.value)} maxLength={500} />}
          </FormField>
        </div>
        <div className="segments-tabs" role="tablist" aria-label={s.kindFilter}>
          {SEGMENT_KIND_NAMES.map((k) => (
            <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? "btn btn-primary btn-sm" : "btn btn-ghost btn-sm"} onClick={() => setKind(k)} data-testid={`kind-${k}`}>
              {s.kinds[k]}
            </button>
          ))}
        </div>
        {errors.formError && <p className="alert alert-error">{errors.formError}</p>}
        {errors.fieldErrors.definition && <p className="alert alert-error">{errors.fieldErrors.definition}</p>}
        <section className="card" role="tabpanel">
          {kind === "rule" && <RuleBuilder value={drafts.rule} onChange={setRule} issues={issueMap(issues)} serverIssues={serverIssues} revealAll={revealAll} />}
          {kind === "rfm" && <RfmPanel preset={drafts.rfm} onChange={(rfm) => setDrafts((d) => ({ ...d, rfm }))} />}
          {kind === "cluster" && <ClusterPanel sources={sources.data} value={drafts.cluster} onChange={(cluster) => setDrafts((d) => ({ ...d, cluster }))} />}
          {kind === "score" && <ScorePanel sources={sources.data} value={drafts.score} onChange={(score) => setDrafts((d) => ({ ...d, score }))} />}
          {kind === "cross_sell" && <CrossSellPanel sources={sources.data} value={drafts.crossSell} onChange={(crossSell) => setDrafts((d) => ({ ...d, crossSell }))} />}
          {kind === "manual" && <ManualPanel onResolved={(manual) => setDrafts((d) => ({ ...d, manual }))} />}
        </section>
      </div>
      <aside className="card segments-count" aria-live="polite">
        <h2 className="card-title">{s.liveCount}</h2>
        <p className="kpi-value" data-testid="live-count" data-settled={!count.isFetching && definition === settled ? "true" : "false"}>
          {count.data === undefined || (kind === "rule" && issues.length > 0) ? "—" : formatNumber(locale, count.data)}
        </p>
        <p className="kpi-hint">{count.isFetching || definition !== settled ? s.counting : share !== null ? s.ofAll(`${(share * 100).toFixed(1)}%`) : ""}</p>
        {countError && (
          <p className="field-error" data-testid="count-error">
            {countError}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="save-segment">
          {busy ? s.saving : s.save}
        </button>
      </aside>
    </form>
  );
}
