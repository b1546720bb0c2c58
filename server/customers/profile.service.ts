import type { Db } from "../db";
import { can, type Role } from "../auth";
import { AppError } from "../errors";
import { scoreSentiment } from "../features";
import { maskAttributes, maskPersonalData } from "./mask";
import { featurePercentiles, findCustomer, findFeatures, learningOf, purchasesOf, reviewsOf, scoresOf, segmentsOf, weeklyActivity } from "./profile.repo";

/** Everything the profile page shows, with personal data masked and attributes whitelisted unless the role holds customers.pii. */
export async function getCustomerProfile(db: Db, role: Role, id: number) {
  const customer = await findCustomer(db, id);
  if (!customer) throw new AppError("NOT_FOUND", `No customer with id ${id}`, "id");
  const [features, percentiles, activity, purchases, learning, reviews, segments, scores] = await Promise.all([
    findFeatures(db, id),
    featurePercentiles(db, id),
    weeklyActivity(db, id),
    purchasesOf(db, id),
    learningOf(db, id),
    reviewsOf(db, id),
    segmentsOf(db, id),
    scoresOf(db, id),
  ]);
  const canSeePii = can(role, "customers.pii");
  return {
    customer: { ...maskPersonalData(customer, canSeePii), ...maskAttributes(customer.attributes, canSeePii) },
    features: features ?? null,
    percentiles,
    activity,
    purchases,
    learning,
    reviews: reviews.map((review) => {
      const sentiment = review.text ? scoreSentiment(review.text) : null;
      return { ...review, sentiment: sentiment ? { score: sentiment.score, label: sentiment.label } : null };
    }),
    segments,
    scores,
  };
}
