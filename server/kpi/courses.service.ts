import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { labelFor, scoreSentiment } from "../features";
import { complaintWords } from "./complaints";
import { conversionBySegment, findProduct, productTable, progressProfile, ratings } from "./courses.repo";
import { ZKpiFilters } from "./filters.sql";

export const ZCourseDetail = z.object({ filters: ZKpiFilters, productId: z.number().int().positive({ message: "productId must be a product id" }) });

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export async function courseTable(db: Db, filters: z.infer<typeof ZKpiFilters>) {
  const rows = await productTable(db, filters);
  return rows.map((row) => ({ ...row, refundRate: ratio(row.refunds, row.purchases), completionRate: ratio(row.completers, row.learners) }));
}

/** Everything the course insights panel shows for one product. */
export async function courseDetail(db: Db, input: z.infer<typeof ZCourseDetail>) {
  const product = await findProduct(db, input.productId);
  if (!product) throw new AppError("NOT_FOUND", "No product with that id", "productId");
  const [conversion, progress, rated, table] = [
    await conversionBySegment(db, input.productId, input.filters),
    await progressProfile(db, input.productId, input.filters),
    await ratings(db, input.productId, input.filters),
    await productTable(db, input.filters),
  ];
  const own = table.find((row) => row.productId === input.productId);
  const learners = progress.reduce((sum, p) => sum + p.customers, 0);
  const completed = progress.filter((p) => p.completed).reduce((sum, p) => sum + p.customers, 0);
  const dropOff = Array.from({ length: 10 }, (_, bucket) => progress.filter((p) => !p.completed && p.bucket === bucket).reduce((sum, p) => sum + p.customers, 0));
  const byMonth = new Map<string, { ratings: number[]; sentiment: number[] }>();
  const negative: string[] = [];
  for (const r of rated) {
    const month = byMonth.get(r.month) ?? { ratings: [], sentiment: [] };
    if (r.rating !== null) month.ratings.push(r.rating);
    if (r.review) {
      const score = scoreSentiment(r.review).score;
      month.sentiment.push(score);
      if (labelFor(score) === "negative") negative.push(r.review);
    }
    byMonth.set(r.month, month);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    product,
    buyers: own?.buyers ?? 0,
    refundRate: own ? ratio(own.refunds, own.purchases) : null,
    completionRate: ratio(completed, learners),
    learners,
    dropOff,
    conversion: conversion.map((c) => ({
      ...c,
      conversion: ratio(c.buyers, c.viewers),
      fullPriceConversion: ratio(c.fullPrice, c.viewers),
      couponConversion: ratio(c.coupon, c.viewers),
      couponShare: ratio(c.coupon, c.fullPrice + c.coupon),
    })),
    trend: [...byMonth].map(([month, m]) => ({ month, ratings: m.ratings.length, rating: mean(m.ratings), sentiment: mean(m.sentiment) })),
    complaints: complaintWords(negative),
  };
}
