"use client";

import { useI18n } from "@/lib/i18n/client";
import type { Condition, RuleGroup, RuleNode } from "@/server/segments";
import { ATTRIBUTE_TYPES, FEATURE_TYPES, type FieldType } from "@/lib/shared/segment-fields";
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

const MAX_DEPTH = 5;
type Comparison = Extract<Condition, { kind: "attribute" | "feature" }>;
type Scalar = string | number | boolean;

/** A nested AND/OR tree of conditions; every change hands the whole new tree to onChange. */
export function RuleBuilder({ value, onChange }: { value: RuleGroup; onChange(next: RuleGroup): void }) {
  return (
    <div className="segments-rule" data-testid="rule-builder">
      <GroupEditor group={value} depth={1} path="r" onChange={onChange} />
    </div>
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
    </div>
  );
}

function NumberInput({ label, value, onChange, step, testId }: { label: string; value: number | undefined; onChange(next: number): void; step?: number; testId?: string }) {
  return (
    <input
      className="input segments-num"
      type="number"
      aria-label={label}
      title={label}
      step={step ?? 1}
      data-testid={testId}
      value={value === undefined || Number.isNaN(value) ? "" : value}
      onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
    />
  );
}

function ConditionBody({ condition: c, path, onChange }: { condition: Condition; path: string; onChange(next: Condition): void }) {
  const { t } = useI18n();
  const b = t.segments.builder;
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
          <ScopeEditor condition={c} onChange={(scope) => onChange({ ...c, productId: undefined, category: undefined, ...scope } as Condition)} />
          {c.kind === "behaviour" ? (
            <>
              <span className="cell-muted">{b.minCount}</span>
              <NumberInput label={b.minCount} value={c.minCount} onChange={(minCount) => onChange({ ...c, minCount })} />
              <span className="cell-muted">{b.withinDays}</span>
              <NumberInput label={b.withinDays} value={c.withinDays} onChange={(withinDays) => onChange({ ...c, withinDays })} />
            </>
          ) : (
            <>
              <span className="cell-muted">{b.sinceDays}</span>
              <NumberInput label={b.sinceDays} value={c.sinceDays} onChange={(sinceDays) => onChange({ ...c, sinceDays })} />
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
          <ScopeEditor condition={c} required onChange={(scope) => onChange({ kind: "purchased", negate: c.negate, ...scope })} />
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
          <NumberInput label={b.value} step={0.05} value={c.value} onChange={(value) => onChange({ ...c, value })} />
        </>
      );
    case "cluster":
      return <NumberInput label={b.cluster} value={c.cluster} onChange={(cluster) => onChange({ ...c, cluster })} />;
  }
}

function ScopeEditor({ condition, required, onChange }: { condition: { productId?: number; category?: string }; required?: boolean; onChange(scope: { productId?: number; category?: string }): void }) {
  const { t } = useI18n();
  const b = t.segments.builder;
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
        <input className="input segments-text" aria-label={b.category} value={condition.category ?? ""} onChange={(event) => onChange({ category: event.target.value })} />
      )}
      {scope === "product" && <NumberInput label={b.productId} value={condition.productId} onChange={(productId) => onChange({ productId })} />}
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
  const scalarInput = (label: string, value: Scalar | undefined, set: (v: Scalar) => void, testId: string) => (
    <ScalarInput label={money ? `${label} (CN¥)` : label} type={type} value={shown(value)} onChange={(v) => set(stored(v))} testId={`${testId}-${path}`} />
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
      {c.value !== undefined && scalarInput(s.builder.value, c.value, (value) => onChange({ ...c, value }), "condition-value")}
      {c.min !== undefined && scalarInput(s.builder.min, c.min, (min) => onChange({ ...c, min }), "condition-min")}
      {c.max !== undefined && scalarInput(s.builder.max, c.max, (max) => onChange({ ...c, max }), "condition-max")}
      {c.values !== undefined && (
        <input
          className="input segments-text"
          aria-label={s.builder.values}
          placeholder={s.builder.values}
          defaultValue={c.values.map((v) => String(shown(v))).join(", ")}
          onChange={(event) => {
            const parts = event.target.value.split(",").map((part) => part.trim()).filter((part) => part.length > 0);
            onChange({ ...c, values: parts.map((part) => stored(parseScalar(part, type))) });
          }}
        />
      )}
    </>
  );
}

function ScalarInput({ label, type, value, onChange, testId }: { label: string; type: FieldType; value: Scalar | undefined; onChange(v: Scalar): void; testId: string }) {
  const { t } = useI18n();
  if (type === "boolean") {
    return (
      <select className="select select-sm" aria-label={label} data-testid={testId} value={String(value)} onChange={(event) => onChange(event.target.value === "true")}>
        <option value="true">{t.segments.builder.yes}</option>
        <option value="false">{t.segments.builder.no}</option>
      </select>
    );
  }
  if (type === "timestamp") {
    return (
      <input className="input segments-text" type="date" aria-label={label} data-testid={testId} value={typeof value === "string" ? value.slice(0, 10) : ""} onChange={(event) => onChange(parseScalar(event.target.value, type))} />
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
      onChange={(event) => onChange(parseScalar(event.target.value, type))}
    />
  );
}
