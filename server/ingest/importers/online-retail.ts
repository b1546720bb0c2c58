import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { CustomerItemInput, ProductItemInput } from "../schemas";
import { BatchWriter } from "./batch";
import { type OnImportProgress, ProgressTracker, readRows, requirePath } from "./files";
import { erasedSkips, type ImportReport } from "./report";

export const RETAIL_SOURCE = "online-retail";
export const retailCustomerId = (id: string) => `retail-${id}`;
export const retailProductId = (stockCode: string) => `retail-${stockCode}`;

const COLUMNS = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"] as const;

/** "2010-12-01 08:45:00" (the retailer's local clock) read as UTC; see the README. */
function invoiceTime(value: string, line: number): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!match) throw new AppError("BAD_REQUEST", `online retail line ${line}: InvoiceDate "${value}" is not YYYY-MM-DD HH:MM[:SS]`, "InvoiceDate");
  return `${match[1]}T${match[2]}${match[3] ?? ":00"}Z`;
}

/** quantity × unit price in currency units, rounded to the cent (a few prices have 3 decimals). */
function lineAmount(quantity: number, unitPrice: number): number {
  return Math.round(Math.abs(quantity * unitPrice) * 100) / 100;
}

/**
 * UCI Online Retail (non-UK subset) → CustomerID as customers, StockCode as products (kind
 * ebook, category "retail"), each invoice line as a purchase event, lines of invoices starting
 * with C as refund events. Lines without a CustomerID cannot be attributed and are counted.
 */
export async function importOnlineRetail(db: Db, filePath: string, options: { onProgress?: OnImportProgress } = {}): Promise<ImportReport> {
  const started = Date.now();
  const file = requirePath(filePath, "Online Retail file");
  const progress = new ProgressTracker(options.onProgress);
  const customers = new Map<string, { countries: Map<string, number>; first: string }>();
  const products = new Map<string, { description: string; price: number; line: number }>();
  let lines = 0;
  let withoutCustomer = 0;
  let withoutCustomerCancelled = 0;
  // Pass 1: the catalogue and the customers (a few thousand), so events can reference them.
  for await (const row of readRows(file, { required: COLUMNS, onBytes: progress.pass(file, "invoice lines read (catalogue and customers)", 0, 0.3, () => lines) })) {
    lines++;
    const stock = row.get("StockCode").trim();
    const price = Number(row.get("UnitPrice"));
    const known = products.get(stock);
    const description = row.get("Description").trim();
    if (!known) products.set(stock, { description, price, line: row.line });
    else {
      if (!known.description && description) known.description = description;
      // The catalogue price is the highest seen: zero-price lines are giveaways, not list prices.
      if (price > known.price) known.price = price;
    }
    const customer = row.get("CustomerID").trim();
    if (!customer) {
      withoutCustomer++;
      if (row.get("InvoiceNo").startsWith("C")) withoutCustomerCancelled++;
      continue;
    }
    const entry = customers.get(customer) ?? { countries: new Map<string, number>(), first: invoiceTime(row.get("InvoiceDate"), row.line) };
    const country = row.get("Country").trim();
    entry.countries.set(country, (entry.countries.get(country) ?? 0) + 1);
    customers.set(customer, entry);
  }

  const eventsByType: Record<string, number> = { purchase: 0, refund: 0 };
  const counts = await db.transaction(async (tx) => {
    const productWriter = new BatchWriter(tx, "products", RETAIL_SOURCE);
    for (const [stock, p] of products) {
      const title = p.description || stock;
      const item: ProductItemInput = {
        product_id: retailProductId(stock),
        kind: "ebook",
        title_en: title,
        title_zh: title,
        category: "retail",
        price: Math.round(Math.max(0, p.price) * 100) / 100,
        attributes: { dataset: "online-retail", stock_code: stock },
      };
      await productWriter.add(item, `line ${p.line}`);
    }
    await productWriter.flush();
    progress.step("products written", 0.3, 0.35, products.size, products.size);

    const customerWriter = new BatchWriter(tx, "customers", RETAIL_SOURCE);
    for (const [id, c] of customers) {
      // A few customers bought from two countries: the region is the one with most lines.
      const ranked = [...c.countries.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const item: CustomerItemInput = {
        customer_id: retailCustomerId(id),
        region: ranked[0]?.[0] ?? null,
        signup_at: c.first,
        attributes: { dataset: "online-retail", customer_id: id, countries: ranked.map(([country]) => country) },
      };
      await customerWriter.add(item, `CustomerID ${id}`);
    }
    await customerWriter.flush();
    progress.step("customers written", 0.35, 0.4, customers.size, customers.size);

    // Pass 2: the invoice lines, streamed.
    const events = new BatchWriter(tx, "events", RETAIL_SOURCE);
    let eventLines = 0;
    for await (const row of readRows(file, { required: COLUMNS, onBytes: progress.pass(file, "invoice lines written as events", 0.4, 1, () => eventLines) })) {
      eventLines++;
      const customer = row.get("CustomerID").trim();
      if (!customer) continue;
      const invoice = row.get("InvoiceNo").trim();
      const quantity = Number(row.get("Quantity"));
      const unitPrice = Number(row.get("UnitPrice"));
      const type = invoice.startsWith("C") ? "refund" : "purchase";
      await events.add(
        {
          // The physical line keeps repeated lines of one invoice apart and stays stable: the file is never edited.
          event_id: `${invoice}-L${row.line}`,
          customer_id: retailCustomerId(customer),
          product_id: retailProductId(row.get("StockCode").trim()),
          type,
          occurred_at: invoiceTime(row.get("InvoiceDate"), row.line),
          amount: lineAmount(quantity, unitPrice),
          extra: { invoice, quantity, unit_price: unitPrice, country: row.get("Country").trim() },
        },
        `line ${row.line}`,
      );
      eventsByType[type]!++;
    }
    await events.flush();
    return { products: productWriter.counts, customers: customerWriter.counts, events: events.counts, erased: [...customerWriter.erased, ...events.erased] };
  });

  return {
    dataset: "Online Retail",
    source: RETAIL_SOURCE,
    read: { [file.split("/").pop() ?? file]: lines },
    ...counts,
    eventsByType,
    other: {},
    skipped: [
      ...(withoutCustomer
        ? [{ reason: `invoice lines without CustomerID (cannot be attributed to a customer; ${withoutCustomerCancelled} of them cancellations)`, count: withoutCustomer }]
        : []),
      ...erasedSkips(counts.erased),
    ],
    notes: [
      "InvoiceDate is read as UTC",
      "refund amounts are stored as positive sums; extra.quantity keeps the negative quantity",
      "product price = highest UnitPrice seen for the StockCode",
    ],
    durationMs: Date.now() - started,
  };
}
