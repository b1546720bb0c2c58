import { describe, expect, it } from "vitest";
import { parseZonedTimestamp } from "../../server/ingest/schemas";
import { validateItems } from "../../server/ingest/validate";
import { customerItem, eventItem, productItem } from "./fixtures";

const HOUR = 3_600_000;

describe("validateItems: events", () => {
  it("turns a full event into a row with cents and a UTC instant", () => {
    const { rows, errors } = validateItems("events", [
      eventItem("e1", "c1", {
        type: "purchase",
        product_id: "p1",
        amount: 199.9,
        duration_seconds: 30,
        progress: 0.25,
        rating: 5,
        review_text: "讲得很清楚",
        extra: { coupon: "NEWYEAR" },
      }),
    ]);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        index: 0,
        eventId: "e1",
        customerId: "c1",
        type: "purchase",
        productId: "p1",
        occurredAt: new Date("2025-03-01T00:30:00Z"),
        amountCents: 19990,
        durationSeconds: 30,
        progress: 0.25,
        rating: 5,
        reviewText: "讲得很清楚",
        extra: { coupon: "NEWYEAR" },
      },
    ]);
  });

  it("names every missing and every unknown field", () => {
    const { rows, errors } = validateItems("events", [{ event_id: "e1", colour: "red", Type: "view" }]);
    expect(rows).toEqual([]);
    expect(errors).toEqual(
      expect.arrayContaining([
        { index: 0, field: "customer_id", message: "is required" },
        { index: 0, field: "type", message: "is required" },
        { index: 0, field: "occurred_at", message: "is required" },
        { index: 0, field: "colour", message: "is not a known field" },
        { index: 0, field: "Type", message: "is not a known field" },
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it("refuses wrong types, naming the field and what was sent", () => {
    const { errors } = validateItems("events", [
      eventItem("e1", "c1", { amount: "12.50", rating: 4.5, progress: true, extra: [1, 2] }),
      { ...eventItem("e2", "c1"), customer_id: 42 },
      "not an object",
      null,
    ]);
    expect(errors).toEqual([
      { index: 0, field: "amount", message: "must be a number (got string)" },
      { index: 0, field: "progress", message: "must be a number (got boolean)" },
      { index: 0, field: "rating", message: "must be a whole number from 1 to 5" },
      { index: 0, field: "extra", message: "must be a JSON object (got array)" },
      { index: 1, field: "customer_id", message: "must be a string (got number)" },
      { index: 2, field: "(item)", message: "must be a JSON object (got string)" },
      { index: 3, field: "(item)", message: "must be a JSON object (got null)" },
    ]);
  });

  it("refuses unknown event types, listing the allowed ones", () => {
    const { errors } = validateItems("events", [eventItem("e1", "c1", { type: "like" })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 0, field: "type" });
    expect(errors[0]?.message).toContain("must be one of signup, session, view");
  });

  it("refuses timestamps before 2000, more than a day ahead, without a zone or impossible", () => {
    const soon = new Date(Date.now() + 23 * HOUR).toISOString();
    const tooLate = new Date(Date.now() + 25 * HOUR).toISOString();
    const { rows, errors } = validateItems("events", [
      eventItem("e0", "c1", { occurred_at: soon }),
      eventItem("e1", "c1", { occurred_at: "1999-12-31T23:59:59Z" }),
      eventItem("e2", "c1", { occurred_at: tooLate }),
      eventItem("e3", "c1", { occurred_at: "2025-03-01T08:30:00" }),
      eventItem("e4", "c1", { occurred_at: "2025-02-29T08:30:00Z" }),
      eventItem("e5", "c1", { occurred_at: "01/03/2025" }),
      // 2000-01-01 08:00 at +08:00 is exactly 2000-01-01T00:00Z: allowed.
      eventItem("e6", "c1", { occurred_at: "2000-01-01T08:00:00+08:00" }),
    ]);
    expect(rows.map((row) => row.eventId)).toEqual(["e0", "e6"]);
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [1, "occurred_at"],
      [2, "occurred_at"],
      [3, "occurred_at"],
      [4, "occurred_at"],
      [5, "occurred_at"],
    ]);
    expect(errors[0]?.message).toBe("1999-12-31T23:59:59Z is before 2000-01-01");
    expect(errors[1]?.message).toBe(`${tooLate} is more than one day in the future`);
    expect(errors[2]?.message).toContain("with a zone");
  });

  it("parses every zone notation to the same instant", () => {
    const instant = new Date("2025-03-01T00:30:00Z").getTime();
    for (const text of ["2025-03-01T08:30:00+08:00", "2025-03-01T08:30:00+0800", "2025-03-01 08:30+08", "2025-03-01T00:30:00.000Z", "2025-02-28T19:30:00-05:00"]) {
      expect(parseZonedTimestamp(text)?.getTime(), text).toBe(instant);
    }
    expect(parseZonedTimestamp("2025-13-01T00:00:00Z")).toBeNull();
    expect(parseZonedTimestamp("2024-02-29T00:00:00Z")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it("refuses negative, absurd and sub-cent amounts", () => {
    const { rows, errors } = validateItems("events", [
      eventItem("e1", "c1", { amount: -0.01 }),
      eventItem("e2", "c1", { amount: 1_000_000.01 }),
      eventItem("e3", "c1", { amount: 1_000_000 }),
      eventItem("e4", "c1", { amount: 9.999 }),
      eventItem("e5", "c1", { amount: 0.1 + 0.2 }),
    ]);
    expect(errors).toEqual([
      { index: 0, field: "amount", message: "must not be negative" },
      { index: 1, field: "amount", message: "must be at most 1,000,000.00" },
      { index: 3, field: "amount", message: "must have at most 2 decimal places" },
    ]);
    expect(rows.map((row) => row.amountCents)).toEqual([100_000_000, 30]);
  });

  it("refuses a 10 MB review text with a clear message", () => {
    const huge = "好".repeat(10 * 1024 * 1024);
    const { rows, errors } = validateItems("events", [eventItem("e1", "c1", { type: "rate", rating: 1, review_text: huge })]);
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ index: 0, field: "review_text", message: "must be at most 10,000 characters" }]);
  });

  it("refuses text Postgres cannot store (NUL, lone surrogates)", () => {
    const { errors } = validateItems("events", [
      eventItem("e1", "c1", { review_text: "bad\u0000byte" }),
      eventItem("e2", "c1", { extra: { note: "half \ud83d pair" } }),
    ]);
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [0, "review_text"],
      [1, "extra"],
    ]);
  });

  it("reports every bad item, with the offset, and ids repeated within the batch", () => {
    const { rows, errors } = validateItems(
      "events",
      [eventItem("a", "c1"), eventItem("b", "c1", { rating: 9 }), eventItem("a", "c2"), eventItem("c", "c1", { progress: 1.5 }), eventItem(" b ", "c1")],
      1000,
    );
    expect(errors).toEqual([
      { index: 1001, field: "rating", message: "must be from 1 to 5" },
      { index: 1002, field: "event_id", message: 'duplicate event_id "a" (first at index 1000)' },
      { index: 1003, field: "progress", message: "must be between 0 and 1" },
      { index: 1004, field: "event_id", message: 'duplicate event_id "b" (first at index 1001)' },
    ]);
    expect(rows.map((row) => row.index)).toEqual([1000, 1002, 1004]);
  });

  it("validates 10,000 events in well under a second per thousand", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => eventItem(`e${i}`, `c${i % 100}`, { amount: i / 100 }));
    const { rows, errors } = validateItems("events", items);
    expect(errors).toEqual([]);
    expect(rows[9_999]?.amountCents).toBe(9_999);
  });
});

describe("validateItems: customers and products", () => {
  it("accepts a sparse customer and leaves unsent fields null", () => {
    const { rows, errors } = validateItems("customers", [{ customer_id: " c1 " }, customerItem("c2", { email: "Mixed@Example.COM", marketing_consent: true })]);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ index: 0, customerId: "c1", email: null, signupAt: null, marketingConsent: null, attributes: null });
    expect(rows[1]).toMatchObject({ customerId: "c2", email: "mixed@example.com", cityTier: 2, marketingConsent: true });
  });

  it("names bad customer fields", () => {
    const { errors } = validateItems("customers", [
      customerItem("c1", { city_tier: 5, email: "not-an-email", marketing_consent: "yes", phone: "call me", nickname: "x" }),
      customerItem("c1"),
    ]);
    expect(errors).toEqual([
      { index: 0, field: "email", message: "must be an email address" },
      { index: 0, field: "phone", message: "must be a phone number (digits, spaces, +, -, parentheses)" },
      { index: 0, field: "city_tier", message: "must be from 1 to 4" },
      { index: 0, field: "marketing_consent", message: "must be a boolean (got string)" },
      { index: 0, field: "nickname", message: "is not a known field" },
      { index: 1, field: "customer_id", message: 'duplicate customer_id "c1" (first at index 0)' },
    ]);
  });

  it("validates products: kinds, prices in cents, free by default when priced zero", () => {
    const { rows, errors } = validateItems("products", [
      productItem("p1"),
      productItem("p2", { price: 0 }),
      productItem("p3", { kind: "podcast", price: -5 }),
      { product_id: "p4" },
    ]);
    expect(rows.map((row) => [row.productId, row.priceCents, row.isFree])).toEqual([
      ["p1", 19990, false],
      ["p2", 0, true],
    ]);
    expect(errors.filter((e) => e.index === 2).map((e) => e.field)).toEqual(["kind", "price"]);
    expect(errors.filter((e) => e.index === 3).map((e) => e.field)).toEqual(["kind", "title_zh", "title_en", "category", "price"]);
  });
});
