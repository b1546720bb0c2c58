import type { Rng } from "./prng";

type Sentiment = "positive" | "neutral" | "negative";
export type ReviewLanguage = "zh" | "en";

const TEXTS: Record<ReviewLanguage, Record<Sentiment, readonly string[]>> = {
  zh: {
    positive: [
      "老师讲得很清楚，收获很大",
      "内容干货满满，强烈推荐",
      "案例很实用，马上就能用到工作中",
      "节奏刚好，终于学会了",
      "性价比很高，值得购买",
      "讲解细致，答疑也很及时",
      "课程结构清晰，学完很有成就感",
    ],
    neutral: [
      "内容还行，有些地方讲得有点快",
      "中规中矩，适合入门",
      "部分章节不错，整体一般",
      "还可以，希望多一些练习",
    ],
    negative: [
      "内容太浅，和介绍不符",
      "讲得很乱，听不下去",
      "价格偏贵，不值这个钱",
      "更新太慢，答疑没人回",
      "音质很差，体验不好",
      "学了一半就放弃了，太枯燥",
    ],
  },
  en: {
    positive: [
      "Clear explanations, learned a lot",
      "Packed with practical content, highly recommended",
      "The examples map straight onto my job",
      "Great pace, finally it clicked",
      "Great value for the price",
      "Thorough lessons and quick answers to questions",
    ],
    neutral: [
      "Decent, though some parts move too fast",
      "Okay for beginners",
      "Some chapters are good, overall average",
      "Fine, would like more exercises",
    ],
    negative: [
      "Too shallow, not what the description promised",
      "Disorganised and hard to follow",
      "Overpriced for what you get",
      "Slow updates and nobody answers questions",
      "Poor audio, bad experience",
      "Gave up halfway, very boring",
    ],
  },
};

function sentimentOf(rating: number): Sentiment {
  if (rating >= 4) return "positive";
  if (rating === 3) return "neutral";
  return "negative";
}

const OTHER: Record<Sentiment, readonly Sentiment[]> = {
  positive: ["neutral", "negative"],
  neutral: ["positive", "negative"],
  negative: ["neutral", "positive"],
};

/** Short review whose sentiment matches the rating about nine times in ten, like real reviews. */
export function reviewText(rng: Rng, rating: number, language: ReviewLanguage): string {
  const matching = sentimentOf(rating);
  const sentiment = rng.chance(0.9) ? matching : rng.pick(OTHER[matching]);
  return rng.pick(TEXTS[language][sentiment]);
}

export { sentimentOf };
