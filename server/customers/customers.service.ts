import type { Db } from "../db";
import { can, type Role } from "../auth";
import { AppError } from "../errors";
import { distinctValues, findActiveChurnRun, listCustomerRows, listSegmentsForFilter, MAX_BROWSE_ROWS } from "./customers.repo";
import type { ListCustomersInput } from "./customers.schemas";
import { maskPersonalData } from "./mask";

export async function listCustomers(db: Db, role: Role, query: ListCustomersInput) {
  if ((query.page - 1) * query.pageSize >= MAX_BROWSE_ROWS) {
    throw new AppError("BAD_REQUEST", `page goes past the first ${MAX_BROWSE_ROWS} customers of this list; narrow the filters or change the sort`, "page");
  }
  const runId = await findActiveChurnRun(db);
  const { rows, total, more } = await listCustomerRows(db, query, runId);
  const canSeePii = can(role, "customers.pii");
  return {
    rows: rows.map((row) => maskPersonalData(row, canSeePii)),
    /** Exact up to MAX_BROWSE_ROWS; `more` says the true count is larger (paging stops there). */
    total,
    more,
    page: query.page,
    pageSize: query.pageSize,
    hasRiskModel: runId !== null,
  };
}

/** Choices for the browser's filters: attribute values, segments, whether risk exists. */
export async function customerFilterOptions(db: Db) {
  const [channel, region, cityTier, ageBand, device, segments, runId] = await Promise.all([
    distinctValues(db, "channel"),
    distinctValues(db, "region"),
    distinctValues(db, "cityTier"),
    distinctValues(db, "ageBand"),
    distinctValues(db, "device"),
    listSegmentsForFilter(db),
    findActiveChurnRun(db),
  ]);
  return {
    channel: channel.map(String),
    region: region.map(String),
    cityTier: cityTier.map(Number),
    ageBand: ageBand.map(String),
    device: device.map(String),
    segments,
    hasRiskModel: runId !== null,
  };
}
