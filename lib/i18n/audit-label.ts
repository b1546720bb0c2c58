import type { Dictionary, Locale } from "./index";
import { segmentNameLabel } from "./segment-name";
import { algorithmLabel, paramLines } from "./model-label";
import { formatDateTime, formatNumber } from "@/lib/format";

/** An audit action code ("campaigns.delete") in words; a code the UI does not know shows as stored. */
export function auditActionLabel(t: Dictionary, action: string): string {
  return t.audit.actions[action] ?? action;
}

/** Who acted: the stored name or e-mail, or the system and command line in words. */
export function auditActorLabel(t: Dictionary, actor: string | null): { text: string; data: boolean } {
  if (actor === null || actor === "system") return { text: t.audit.system, data: false };
  if (actor === "cli") return { text: t.audit.cli, data: false };
  return { text: actor, data: true };
}

/**
 * What an entry acted on. Segment names the system chose and model runs ("churn v2") are
 * translated; everything else (e-mails, file, campaign and key names) is data, shown as stored.
 */
export function auditTargetLabel(t: Dictionary, locale: Locale, action: string, target: string | null): { text: string; data: boolean } {
  if (target === null) return { text: "", data: false };
  if (action.startsWith("segments.")) return { text: segmentNameLabel(t, locale, target), data: true };
  if (action === "models.schedule" && (target === "nightly on" || target === "nightly off")) return { text: target === "nightly on" ? t.audit.nightlyOn : t.audit.nightlyOff, data: false };
  const run = /^(\w+) v(\d+)$/.exec(target);
  if (action.startsWith("models.") && run) {
    const tasks: Record<string, string> = t.models.tasks;
    if (tasks[run[1]!]) return { text: `${tasks[run[1]!]} v${run[2]}`, data: false };
  }
  return { text: target, data: true };
}

export interface AuditDetailEntry {
  key: string;
  label: string;
  value: string;
  /** The value is stored data (an id, a name, a note): shown as written in every language. */
  data: boolean;
}

/** Detail values that are ids or free text: shown as stored. */
const DATA_KEYS = new Set(["id", "runId", "previousRunId", "segmentId", "jobId", "fromCampaign", "note", "prefix", "source"]);

function codeValue(t: Dictionary, action: string, key: string, value: string): string | undefined {
  const lookup = (map: Record<string, string>) => map[value];
  if ((key === "from" || key === "to") && action.startsWith("campaigns.")) return lookup(t.campaigns.status);
  if (key === "from" || key === "to" || key === "role") return lookup(t.roles);
  if (key === "kind") return action.startsWith("data.import") ? lookup(t.imports.kinds) : lookup(t.segments.kinds);
  if (key === "task") return lookup(t.models.tasks);
  if (key === "algorithm") return algorithmLabel(t.models, value);
  return lookup(t.audit.values);
}

function detailValue(t: Dictionary, locale: Locale, action: string, key: string, value: unknown): { value: string; data: boolean } {
  if (value === null || value === undefined) return { value: "—", data: false };
  if (typeof value === "boolean") return { value: value ? t.audit.yes : t.audit.no, data: false };
  if (typeof value === "number") return { value: DATA_KEYS.has(key) ? String(value) : formatNumber(locale, value), data: DATA_KEYS.has(key) };
  if (key === "params") return { value: paramLines(t.models, value).join(locale === "zh" ? "；" : "; "), data: false };
  if (Array.isArray(value)) return { value: value.map((item) => (typeof item === "string" ? (t.audit.detailKeys[item] ?? item) : JSON.stringify(item))).join(locale === "zh" ? "、" : ", "), data: false };
  if (typeof value === "string") {
    if (DATA_KEYS.has(key)) return { value, data: true };
    if (key === "lockedUntil" && !Number.isNaN(Date.parse(value))) return { value: formatDateTime(locale, new Date(value)), data: false };
    const code = codeValue(t, action, key, value);
    return code === undefined ? { value, data: true } : { value: code, data: false };
  }
  return { value: JSON.stringify(value), data: true };
}

/** An entry's detail as labelled values, in the stored order. */
export function auditDetailEntries(t: Dictionary, locale: Locale, action: string, detail: Record<string, unknown>): AuditDetailEntry[] {
  return Object.entries(detail).map(([key, raw]) => ({ key, label: t.audit.detailKeys[key] ?? key, ...detailValue(t, locale, action, key, raw) }));
}
