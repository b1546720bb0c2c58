/**
 * What an approver approves: the target segment as it was when the campaign was submitted. Pure
 * comparison of that snapshot with the segment as it is now; the service refuses approval when
 * anything differs, so the audience cannot be swapped between submission and launch.
 */

export interface SegmentSnapshot {
  definition: unknown;
  size: number | null;
}

export interface SegmentNow {
  name: string;
  definition: unknown;
  memberCount: number | null;
  archivedAt: Date | null;
}

export interface SegmentChange {
  definitionChanged: boolean;
  sizeChanged: boolean;
  archived: boolean;
}

/** JSON with object keys sorted, so two equal definitions compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function compareSnapshot(snapshot: SegmentSnapshot, now: SegmentNow): SegmentChange {
  return {
    definitionChanged: canonicalJson(snapshot.definition) !== canonicalJson(now.definition),
    sizeChanged: snapshot.size !== now.memberCount,
    archived: now.archivedAt !== null,
  };
}

export function hasChanged(change: SegmentChange): boolean {
  return change.definitionChanged || change.sizeChanged || change.archived;
}

const members = (n: number | null) => (n === null ? "no recorded size" : `${n} members`);

/** The refusal an approver reads, naming what changed; null when nothing did. */
export function changeMessage(snapshot: SegmentSnapshot, now: SegmentNow, change: SegmentChange): string | null {
  if (!hasChanged(change)) return null;
  const what: string[] = [];
  if (change.archived) what.push("it was archived");
  if (change.definitionChanged) what.push("its definition was edited");
  if (change.sizeChanged) what.push(`it had ${members(snapshot.size)}, it has ${now.memberCount === null ? "no recorded size" : now.memberCount} now`);
  return `Segment "${now.name}" changed since this campaign was submitted (${what.join("; ")}); send the campaign back to draft and submit it again`;
}
