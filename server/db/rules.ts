import { sql, type SQL } from "drizzle-orm";
import type { MODEL_TASKS } from "./schema/enums";

type ModelTask = (typeof MODEL_TASKS)[number];

/**
 * Rules of the domain that many queries share, each written once. A repo that needs one of them
 * composes the fragment instead of restating it, so a change of rule (say, what counts as the
 * model in use) is one edit. `tests/architecture/domain-rules.test.ts` fails when a rule's SQL
 * appears anywhere else.
 */

/** The table alias a fragment applies to, e.g. `c` for `customers c`; bare column names without one. */
function column(alias: string | undefined, name: string): SQL {
  return sql.raw(alias ? `${alias}.${name}` : name);
}

/** A customer who has not been erased (erasure blanks the row and keeps it as a tombstone). */
export function notErased(alias?: string): SQL {
  return sql`${column(alias, "erased_at")} IS NULL`;
}

/** A customer who may be contacted: consent given and not erased. */
export function contactable(alias?: string): SQL {
  return sql`(${column(alias, "marketing_consent")} AND ${notErased(alias)})`;
}

/** The run in use for its task: activated by an admin and trained successfully (at most one per task). */
export function isActiveRun(alias?: string): SQL {
  return sql`(${column(alias, "is_active")} AND ${column(alias, "status")} = 'succeeded')`;
}

/** The id of the run in use for `task`, as a scalar subquery (NULL when there is none). */
export function activeRunId(task: ModelTask): SQL {
  return sql`(SELECT r.id FROM model_runs r WHERE r.task = ${task}::model_task AND ${isActiveRun("r")}
    ORDER BY r.activated_at DESC NULLS LAST, r.created_at DESC LIMIT 1)`;
}

/** The data's "now": the as-of time of the behaviour features, NULL before the first refresh. */
export const FEATURES_AS_OF: SQL = sql`(SELECT max(as_of) FROM customer_features)`;
