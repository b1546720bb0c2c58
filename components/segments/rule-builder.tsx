"use client";

import { createContext, useCallback, useContext, useId, useMemo, useState, type KeyboardEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import type { Condition, RuleGroup, RuleNode } from "@/server/segments";
import { ATTRIBUTE_TYPES, FEATURE_TYPES, isSuggestibleField, type FieldType, type SuggestibleField } from "@/lib/shared/segment-fields";
import { centsToYuan, isMoneyField, yuanToCents } from "@/lib/shared/money-fields";
import {
  CONDITION_KINDS,
  EVENT_NAMES,
  defaultCondition,
  emptyGroup,
  fieldType,
  operatorsFor,
  parseScalar,
  replaceChild,
  withOperator,
  type ConditionKind,
} from "./rule-defaults";
import { ISSUE_KEYS, issueId, type IssueKey, type IssueMap } from "./rule-issues";
import { useDebounced } from "./use-debounced";

const MAX_DEPTH = 5;
type Comparison = Extract<Condition, { kind: "attribute" | "feature" }>;
type Scalar = string | number | boolean;

interface IssuesContextValue {
  /** The message to show beside an input now, if any. */
  visible(id: string): string | undefined;
  touch(id: string): void;
}

const IssuesContext = createContext<IssuesContextValue>({ visible: () => undefined, touch: () => {} });

const issueDomId = (id: string) => `rule-issue-${id.replace(/[^a-zA-Z0-9-]/g, "-")}`;

/** An input's issue: its message (once the input was touched, or all after a save attempt), and the props that mark it. */
function useIssue(path: string, key: IssueKey) {
  const context = useContext(IssuesContext);
  const id = issueId(path, key);
  const message = context.visible(id);
  return {
    message,
    touch: () => context.touch(id),
    props: { "aria-invalid": message ? (true as const) : undefined, "aria-describedby": message ? issueDomId(id) : undefined, onBlur: () => context.touch(id) },
  };
}
type Issue = ReturnType<typeof useIssue>;

interface RuleBuilderProps {
  value: RuleGroup;
  onChange(next: RuleGroup): void;
  /** What the builder itself finds wrong, by input (shown once an input is touched, or all with `revealAll`). */
  issues?: IssueMap;
  /** The server's refusals placed on inputs, always shown. */
  serverIssues?: IssueMap;
  revealAll?: boolean;
}

/** A nested AND/OR tree of conditions; every change hands the whole new tree to onChange. */
export function RuleBuilder({ value, onChange, issues, serverIssues, revealAll = false }: RuleBuilderProps) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const touch = useCallback((id: string) => setTouched((current) => (current.has(id) ? current : new Set(current).add(id))), []);
  const context = useMemo<IssuesContextValue>(
    () => ({ visible: (id) => serverIssues?.[id] ?? (revealAll || touched.has(id) ? issues?.[id] : undefined), touch }),
    [issues, serverIssues, revealAll, touched, touch],
  );
  return (
    <IssuesContext.Provider value={context}>
      <div className="segments-rule" data-testid="rule-builder">
        <GroupEditor group={value} depth={1} path="r" onChange={onChange} />
      </div>
    </IssuesContext.Provider>
  );
}

function GroupEditor({ group, depth, path, onChange, onRemove }: { group: RuleGroup; depth: number; path: string; onChange(next: RuleGroup): void; onRemove?(): void }) {
  const { t } = useI18n();
  const b = t.segments.builder;
  return (
    <fieldset className="segments-group" data-testid="rule-group">
      <legend className="segments-group-head">
        <select
          className="select select-sm"
          aria-label={`${b.and} / ${b.or}`}
          value={group.combinator}
          onChange={(event) => onChange({ ...group, combinator: event.target.value as "and" | "or" })}
        >
          <option value="and">{b.and}</option>
          <option value="or">{b.or}</option>
        </select>
        {onRemove && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onRemove}>
            {b.remove}
          </button>
        )}
      </legend>
      {group.children.length === 0 && <p className="cell-muted">{b.emptyGroup}</p>}
      {group.children.map((child, index) => (
        <NodeEditor
          key={index}
          node={child}
          depth={depth}
          path={`${path}-${index}`}
          onChange={(next) => onChange(replaceChild(group, index, next))}
          onRemove={() => onChange(replaceChild(group, index, null))}
        />
      ))}
      <div className="segments-group-actions">
        <button type="button" className="btn btn-secondary btn-sm" data-testid="add-condition" onClick={() => onChange({ ...group, children: [...group.children, defaultCondition("attribute")] })}>
          {b.addCondition}
        </button>
        {depth < MAX_DEPTH && (
          <button type="button" className="btn btn-ghost btn-sm" data-testid="add-group" onClick={() => onChange({ ...group, children: [...group.children, emptyGroup(group.combinator === "and" ? "or" : "and")] })}>
            {b.addGroup}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function NodeEditor({ node, depth, path, onChange, onRemove }: { node: RuleNode; depth: number; path: string; onChange(next: RuleNode): void; onRemove(): void }) {
  if (node.kind === "group") return <GroupEditor group={node} depth={depth + 1} path={path} onChange={onChange} onRemove={onRemove} />;
  return <ConditionEditor condition={node} path={path} onChange={onChange} onRemove={onRemove} />;
}

function ConditionEditor({ condition, path, onChange, onRemove }: { condition: Condition; path: string; onChange(next: Condition): void; onRemove(): void }) {
  const { t } = useI18n();
  const b = t.segments.builder;
  return (
    <div className="segments-condition" data-testid="rule-condition">
      <select
        className="select select-sm"
        aria-label={b.conditionKinds.attribute}
        data-testid="condition-kind"
        value={condition.kind}
        onChange={(event) => onChange(defaultCondition(event.target.value as ConditionKind))}
      >
        {CONDITION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {b.conditionKinds[kind]}
          </option>
        ))}
      </select>
      <ConditionBody condition={condition} path={path} onChange={onChange} />
      <button type="button" className="btn btn-ghost btn-sm segments-remove" onClick={onRemove} aria-label={b.remove} title={b.remove}>
        ×
      </button>
      <ConditionIssues path={path} />
    </div>
  );
}

/** The messages of a condition's inputs, below its row, each tied to its input by id. */
function ConditionIssues({ path }: { path: string }) {
  const context = useContext(IssuesContext);
  const shown = ISSUE_KEYS.flatMap((key) => {
    const id = issueId(path, key);
    const message = context.visible(id);
    return message ? [{ id, message }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <div className="segments-issues">
      {shown.map((issue) => (
        <p key={issue.id} id={issueDomId(issue.id)} className="field-error" data-testid="condition-issue">
          {issue.message}
        </p>
      ))}
    </div>
  );
}

function NumberInput({ label, value, onChange, step, testId, issue }: { label: string; value: number | undefined; onChange(next: number): void; step?: number; testId?: string; issue: Issue }) {
  return (
    <input
      className="input segments-num"
      type="number"
      aria-label={label}
      title={label}
      step={step ?? 1}
      data-testid={testId}
      value={value === undefined || Number.isNaN(value) ? "" : value}
      {...issue.props}
      onChange={(event) => {
        issue.touch();
        onChange(event.target.value === "" ? Number.NaN : Number(event.target.value));
      }}
    />
  );
}

function ConditionBody({ condition: c, path, onChange }: { condition: Condition; path: string; onChange(next: Condition): void }) {
  const { t } = useI18n();
  const b = t.segments.builder;
  const minCountIssue = useIssue(path, "minCount");
  const withinDaysIssue = useIssue(path, "withinDays");
  const sinceDaysIssue = useIssue(path, "sinceDays");
  const valueIssue = useIssue(path, "value");
  const clusterIssue = useIssue(path, "cluster");
  switch (c.kind) {
    case "attribute":
    case "feature":
      return <ComparisonBody condition={c} path={path} onChange={onChange} />;
    case "behaviour":
    case "inactive":
      return (
        <>
          <select className="select select-sm" aria-label={b.event} value={c.event} onChange={(event) => onChange({ ...c, event: event.target.value as typeof c.event })}>
            {EVENT_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <ScopeEditor condition={c} path={path} onChange={(scope) => onChange({ ...c, productId: undefined, category: undefined, ...scope } as Condition)} />
          {c.kind === "behaviour" ? (
            <>
              <span className="cell-muted">{b.minCount}</span>
              <NumberInput label={b.minCount} value={c.minCount} issue={minCountIssue} onChange={(minCount) => onChange({ ...c, minCount })} />
              <span className="cell-muted">{b.withinDays}</span>
              <NumberInput label={b.withinDays} value={c.withinDays} issue={withinDaysIssue} onChange={(withinDays) => onChange({ ...c, withinDays })} />
            </>
          ) : (
            <>
              <span className="cell-muted">{b.sinceDays}</span>
              <NumberInput label={b.sinceDays} value={c.sinceDays} issue={sinceDaysIssue} onChange={(sinceDays) => onChange({ ...c, sinceDays })} />
            </>
          )}
        </>
      );
    case "purchased":
      return (
        <>
          <label className="segments-inline">
            <input type="checkbox" checked={c.negate ?? false} onChange={(event) => onChange({ ...c, negate: event.target.checked || undefined })} />
            {b.negate}
          </label>
          <ScopeEditor condition={c} path={path} required onChange={(scope) => onChange({ kind: "purchased", negate: c.negate, ...scope })} />
        </>
      );
    case "score":
      return (
        <>
          <select className="select select-sm" aria-label={b.task} value={c.task} onChange={(event) => onChange({ ...c, task: event.target.value as typeof c.task })}>
            <option value="churn">{t.segments.tasks.churn}</option>
            <option value="propensity">{t.segments.tasks.propensity}</option>
          </select>
          <select className="select select-sm" aria-label={b.operator} value={c.op} onChange={(event) => onChange({ ...c, op: event.target.value as "gte" | "lte" })}>
            <option value="gte">≥</option>
            <option value="lte">≤</option>
          </select>
          <NumberInput label={b.value} step={0.05} value={c.value} issue={valueIssue} onChange={(value) => onChange({ ...c, value })} />
        </>
      );
    case "cluster":
      return <NumberInput label={b.cluster} value={c.cluster} issue={clusterIssue} onChange={(cluster) => onChange({ ...c, cluster })} />;
  }
}

function ScopeEditor({ condition, path, required, onChange }: { condition: { productId?: number; category?: string }; path: string; required?: boolean; onChange(scope: { productId?: number; category?: string }): void }) {
  const { t } = useI18n();
  const b = t.segments.builder;
  const categoryIssue = useIssue(path, "category");
  const productIssue = useIssue(path, "productId");
  const scope = condition.productId !== undefined ? "product" : condition.category !== undefined ? "category" : "any";
  return (
    <>
      <select
        className="select select-sm"
        aria-label={b.category}
        value={scope}
        onChange={(event) => onChange(event.target.value === "product" ? { productId: 1 } : event.target.value === "category" ? { category: "" } : {})}
      >
        {!required && <option value="any">{b.anyProduct}</option>}
        <option value="category">{b.category}</option>
        <option value="product">{b.productId}</option>
      </select>
      {scope === "category" && (
        <SuggestInput field="category" label={b.category} fieldLabel={b.category} value={condition.category ?? ""} issue={categoryIssue} testId={`condition-category-${path}`} onChange={(category) => onChange({ category })} />
      )}
      {scope === "product" && <NumberInput label={b.productId} value={condition.productId} issue={productIssue} onChange={(productId) => onChange({ productId })} />}
    </>
  );
}

const FIELD_TYPES: Record<string, FieldType> = { ...ATTRIBUTE_TYPES, ...FEATURE_TYPES };

function ComparisonBody({ condition: c, path, onChange }: { condition: Comparison; path: string; onChange(next: Condition): void }) {
  const { t } = useI18n();
  const s = t.segments;
  const type = fieldType(c);
  const names = Object.keys(c.kind === "attribute" ? ATTRIBUTE_TYPES : FEATURE_TYPES) as Array<keyof typeof s.fields>;
  // Money is stored in cents and typed in CN¥.
  const money = isMoneyField(c.field);
  const shown = (v: Scalar | undefined) => (money ? (centsToYuan(v) as Scalar | undefined) : v);
  const stored = (v: Scalar) => (money ? (yuanToCents(v) as Scalar) : v);
  const issues = { value: useIssue(path, "value"), min: useIssue(path, "min"), max: useIssue(path, "max"), values: useIssue(path, "values") };
  const suggest = c.kind === "attribute" || c.kind === "feature" ? (isSuggestibleField(c.field) ? c.field : null) : null;
  const scalarInput = (key: "value" | "min" | "max", label: string, value: Scalar | undefined, set: (v: Scalar) => void, testId: string) =>
    suggest && type === "text" ? (
      <SuggestInput field={suggest} label={label} fieldLabel={s.fields[c.field as keyof typeof s.fields]} value={typeof value === "string" ? value : ""} issue={issues[key]} testId={`${testId}-${path}`} onChange={(v) => set(v)} />
    ) : (
      <ScalarInput label={money ? `${label} (CN¥)` : label} type={type} value={shown(value)} issue={issues[key]} onChange={(v) => set(stored(v))} testId={`${testId}-${path}`} />
    );
  return (
    <>
      <select
        className="select select-sm"
        aria-label={s.builder.field}
        data-testid="condition-field"
        value={c.field}
        onChange={(event) => {
          const field = event.target.value;
          const nextType = FIELD_TYPES[field] as FieldType;
          const op = operatorsFor(nextType).includes(c.op) ? c.op : (operatorsFor(nextType)[0] as Comparison["op"]);
          onChange(withOperator({ kind: c.kind, field, op } as Comparison, op));
        }}
      >
        {names.map((name) => (
          <option key={name} value={name}>
            {s.fields[name]}
          </option>
        ))}
      </select>
      <select className="select select-sm" aria-label={s.builder.operator} data-testid="condition-op" value={c.op} onChange={(event) => onChange(withOperator(c, event.target.value as Comparison["op"]))}>
        {operatorsFor(type).map((op) => (
          <option key={op} value={op}>
            {s.operators[op]}
          </option>
        ))}
      </select>
      {c.value !== undefined && scalarInput("value", s.builder.value, c.value, (value) => onChange({ ...c, value }), "condition-value")}
      {c.min !== undefined && scalarInput("min", s.builder.min, c.min, (min) => onChange({ ...c, min }), "condition-min")}
      {c.max !== undefined && scalarInput("max", s.builder.max, c.max, (max) => onChange({ ...c, max }), "condition-max")}
      {c.values !== undefined && (
        <input
          className="input segments-text"
          aria-label={s.builder.values}
          placeholder={s.builder.values}
          data-testid={`condition-values-${path}`}
          defaultValue={c.values.map((v) => String(shown(v))).join(", ")}
          {...issues.values.props}
          onChange={(event) => {
            issues.values.touch();
            const parts = event.target.value.split(",").map((part) => part.trim()).filter((part) => part.length > 0);
            onChange({ ...c, values: parts.map((part) => stored(parseScalar(part, type))) });
          }}
        />
      )}
    </>
  );
}

function ScalarInput({ label, type, value, onChange, testId, issue }: { label: string; type: FieldType; value: Scalar | undefined; onChange(v: Scalar): void; testId: string; issue: Issue }) {
  const { t } = useI18n();
  const change = (v: Scalar) => {
    issue.touch();
    onChange(v);
  };
  if (type === "boolean") {
    return (
      <select className="select select-sm" aria-label={label} data-testid={testId} value={String(value)} {...issue.props} onChange={(event) => change(event.target.value === "true")}>
        <option value="true">{t.segments.builder.yes}</option>
        <option value="false">{t.segments.builder.no}</option>
      </select>
    );
  }
  if (type === "timestamp") {
    return (
      <input className="input segments-text" type="date" aria-label={label} data-testid={testId} value={typeof value === "string" ? value.slice(0, 10) : ""} {...issue.props} onChange={(event) => change(parseScalar(event.target.value, type))} />
    );
  }
  return (
    <input
      className={type === "number" ? "input segments-num" : "input segments-text"}
      type={type === "number" ? "number" : "text"}
      step="any"
      aria-label={label}
      data-testid={testId}
      value={typeof value === "number" && Number.isNaN(value) ? "" : String(value ?? "")}
      {...issue.props}
      onChange={(event) => change(parseScalar(event.target.value, type))}
    />
  );
}

/**
 * A text input that suggests the values the field already holds (most frequent first, filtered by
 * what has been typed), as a combobox: arrows move, Enter or a click picks, Escape closes.
 */
function SuggestInput({ field, label, fieldLabel, value, onChange, testId, issue }: { field: SuggestibleField; label: string; fieldLabel: string; value: string; onChange(v: string): void; testId: string; issue: Issue }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const prefix = useDebounced(value.trim(), 200);
  const known = useQuery({ ...trpc.segments.fieldValues.queryOptions({ field, prefix }), enabled: open, staleTime: 60_000, placeholderData: keepPreviousData });
  const typed = value.trim().toLowerCase();
  const options = (known.data ?? []).map((v) => v.value).filter((v) => v.toLowerCase().startsWith(typed));
  const shown = open && options.length > 0 && !(options.length === 1 && options[0] === value);
  const pick = (v: string) => {
    issue.touch();
    onChange(v);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (options.length === 0 ? -1 : (current + step + options.length) % options.length));
    } else if (event.key === "Enter" && shown && active >= 0 && options[active] !== undefined) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  };
  return (
    <span className="segments-suggest">
      <input
        className="input segments-text"
        type="text"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        data-testid={testId}
        value={value}
        {...issue.props}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          issue.touch();
          setOpen(false);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onChange={(event) => {
          issue.touch();
          setOpen(true);
          setActive(-1);
          onChange(event.target.value);
        }}
      />
      {shown && (
        <ul className="segments-suggest-list" role="listbox" id={listId} aria-label={t.segments.builder.suggestions(fieldLabel)} data-testid="value-suggestions">
          {options.map((option, i) => (
            <li
              key={option}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "segments-suggest-option is-active" : "segments-suggest-option"}
              onMouseDown={(event) => {
                // Keeps the focus in the input, so its blur does not close the list before the pick.
                event.preventDefault();
                pick(option);
              }}
            >
              {option}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
