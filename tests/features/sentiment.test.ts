import { describe, expect, it } from "vitest";
import { Rng } from "../../server/demo/prng";
import { reviewText, sentimentOf } from "../../server/demo/reviews";
import { labelFor, scoreSentiment, type SentimentLabel } from "../../server/features/sentiment";

/** Hand-labelled sentences, none copied from the demo generator's review texts. */
const LABELLED: ReadonlyArray<readonly [string, SentimentLabel]> = [
  ["这门课非常好，推荐给大家", "positive"],
  ["讲得不好", "negative"],
  ["没有用，白花钱", "negative"],
  ["内容没用", "negative"],
  ["老师很专业，例子生动易懂", "positive"],
  ["不太清楚，听得很累", "negative"],
  ["不值得买", "negative"],
  ["不贵，而且很实用", "positive"],
  ["一点也不枯燥", "positive"],
  ["太失望了，完全是浪费时间", "negative"],
  ["受益匪浅，谢谢老师", "positive"],
  ["课程一般", "neutral"],
  ["第三章讲的是项目管理", "neutral"],
  ["不错，但是更新太慢", "negative"],
  ["有点贵，但是干货满满", "positive"],
  ["还行吧", "neutral"],
  ["讲得很乱，不推荐", "negative"],
  ["很有帮助，学会了很多", "positive"],
  ["答疑没人回，想退款", "negative"],
  ["真的很喜欢这个老师", "positive"],
  ["没有收获", "negative"],
  ["并不难懂", "positive"],
  ["我买了两门课", "neutral"],
  ["内容很棒，性价比高", "positive"],
  ["The course was good", "positive"],
  ["Not good at all", "negative"],
  ["It wasn't helpful", "negative"],
  ["Not bad, quite useful actually", "positive"],
  ["Really boring and too expensive", "negative"],
  ["Highly recommended to anyone starting out", "positive"],
  ["A complete waste of time", "negative"],
  ["I didn't like the teacher", "negative"],
  ["Excellent examples, I learned a lot", "positive"],
  ["The lessons are about marketing", "neutral"],
  ["Never again, terrible audio", "negative"],
  ["Interesting, but disorganized and hard to follow", "negative"],
  ["Expensive, but worth every cent", "positive"],
  ["It's okay", "neutral"],
  ["Nothing useful in chapter two", "negative"],
  ["I don't regret buying it", "positive"],
  ["Clear and practical, loved it", "positive"],
  ["Disappointing content and slow replies", "negative"],
  ["I watched it on my phone", "neutral"],
  ["Great value, very informative", "positive"],
  ["Not worth the money", "negative"],
  ["不是很好，也不算差", "neutral"],
  ["The course is not useless", "positive"],
  ["Amazing teacher, fantastic course", "positive"],
];

describe("review sentiment lexicon (zh + en, with negation)", () => {
  it("has at least 40 labelled sentences in both languages", () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(40);
    expect(LABELLED.filter(([text]) => /[\u4e00-\u9fff]/.test(text)).length).toBeGreaterThanOrEqual(20);
  });

  it("labels the hand-labelled sentences with at least 90% accuracy", () => {
    const wrong = LABELLED.filter(([text, label]) => scoreSentiment(text).label !== label).map(([text, label]) => `${text} (want ${label}, got ${scoreSentiment(text).score.toFixed(2)})`);
    const accuracy = 1 - wrong.length / LABELLED.length;
    console.log(`sentiment accuracy on ${LABELLED.length} labelled sentences: ${(accuracy * 100).toFixed(1)}%${wrong.length ? `; misses: ${wrong.join(" | ")}` : ""}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("handles negation in both languages", () => {
    expect(scoreSentiment("好").score).toBeGreaterThan(0);
    expect(scoreSentiment("不好").score).toBeLessThan(0);
    expect(scoreSentiment("有用").score).toBeGreaterThan(0);
    expect(scoreSentiment("没有用").score).toBeLessThan(0);
    expect(scoreSentiment("good").score).toBeGreaterThan(0);
    expect(scoreSentiment("not good").score).toBeLessThan(0);
    expect(scoreSentiment("isn't good").score).toBeLessThan(0);
    // A negated negative is mildly positive, weaker than the plain positive.
    expect(scoreSentiment("not bad").score).toBeGreaterThan(0);
    expect(scoreSentiment("not bad").score).toBeLessThan(scoreSentiment("good").score);
    // The negation window ends with the clause.
    expect(scoreSentiment("not today. good").score).toBeGreaterThan(0);
  });

  it("gives exact scores for simple cases (sum / (magnitude + 1))", () => {
    expect(scoreSentiment("good").score).toBeCloseTo(1 / 2, 10);
    expect(scoreSentiment("not good").score).toBeCloseTo(-1 / 2, 10);
    expect(scoreSentiment("very good").score).toBeCloseTo(1.4 / 2.4, 10);
    expect(scoreSentiment("").score).toBe(0);
    expect(scoreSentiment("").terms).toBe(0);
    expect(labelFor(0.3)).toBe("positive");
    expect(labelFor(-0.3)).toBe("negative");
    expect(labelFor(0.1)).toBe("neutral");
  });

  it("agrees with the demo generator's intended sentiment and correlates with ratings", () => {
    const rng = new Rng(11, 0, 0);
    const ratings: number[] = [];
    const scores: number[] = [];
    let agree = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const rating = 1 + (i % 5);
      const text = reviewText(rng, rating, i % 2 === 0 ? "zh" : "en");
      const score = scoreSentiment(text).score;
      ratings.push(rating);
      scores.push(score);
      if (scoreSentiment(text).label === sentimentOf(rating)) agree++;
    }
    const r = pearson(ratings, scores);
    console.log(`sentiment vs demo rating: pearson r=${r.toFixed(3)}, label agreement=${((agree / n) * 100).toFixed(1)}% (texts match the rating 90% of the time)`);
    expect(r).toBeGreaterThan(0.6);
    expect(agree / n).toBeGreaterThan(0.75);
  });
});

function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
