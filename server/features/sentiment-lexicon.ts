/**
 * Review-sentiment lexicon, Chinese and English. Weights are in -2..2; mild words (一般, okay) sit
 * near zero so a "so-so" review lands in the neutral band instead of being pulled to a side.
 * Multi-word entries win over their parts because matching is longest-first.
 */
export const POSITIVE_TERMS: Readonly<Record<string, number>> = {
  // zh
  好: 1, 很好: 1.5, 不错: 0.8, 清楚: 1, 清晰: 1, 收获: 1, 收获很大: 2, 干货: 1.5, 推荐: 1.5, 强烈推荐: 2,
  实用: 1.5, 有用: 1.5, 学会: 1, 值得: 1.5, 值: 1, 性价比很高: 2, 性价比高: 2, 细致: 1, 及时: 1, 成就感: 1.5,
  喜欢: 1.5, 满意: 1.5, 精彩: 1.5, 专业: 1, 有帮助: 1.5, 帮助: 1, 受益: 1.5, 受益匪浅: 2, 棒: 1.5,
  优秀: 1.5, 生动: 1, 易懂: 1, 有趣: 1, 有意思: 1, 透彻: 1.5, 满满: 1, 赞: 1.5, 还行: 0.3, 还可以: 0.3,
  // en
  good: 1, great: 1.5, excellent: 2, clear: 1, useful: 1.5, helpful: 1.5, practical: 1, recommend: 1.5,
  recommended: 1.5, love: 1.5, loved: 1.5, amazing: 2, thorough: 1, worth: 1.5, valuable: 1.5, value: 1,
  "learned a lot": 2, "learnt a lot": 2, engaging: 1.5, interesting: 1, enjoy: 1.5, enjoyed: 1.5, perfect: 2,
  fantastic: 2, awesome: 2, informative: 1.5, clicked: 1, quick: 0.5, insightful: 1.5, "well structured": 1.5,
  like: 1, liked: 1, nice: 1, happy: 1, satisfied: 1.5, decent: 0.3, fine: 0.3, okay: 0.3, ok: 0.3,
};

export const NEGATIVE_TERMS: Readonly<Record<string, number>> = {
  // zh
  差: 1.5, 很差: 2, 太差: 2, 浅: 1, 太浅: 1.5, 不符: 1.5, 乱: 1.5, 很乱: 1.5, 听不下去: 2, 贵: 1, 偏贵: 1,
  太贵: 1.5, 慢: 1, 太慢: 1.5, 没人回: 1.5, 没人理: 1.5, 放弃: 1.5, 枯燥: 1.5, 无聊: 1.5, 失望: 2, 后悔: 2,
  垃圾: 2, 浪费: 1.5, 坑: 1.5, 骗: 2, 糟糕: 2, 难懂: 1, 过时: 1, 敷衍: 1.5, 水: 0.5, 一般: 0.3, 没用: 1.5, 没意思: 1.5, 有点快: 0.4,
  太快: 0.8, 退款: 1,
  // en
  bad: 1.5, poor: 1.5, boring: 1.5, shallow: 1, disorganised: 1.5, disorganized: 1.5, confusing: 1.5,
  overpriced: 1.5, slow: 1, waste: 2, "waste of time": 2, "waste of money": 2, useless: 2, terrible: 2,
  awful: 2, expensive: 1, outdated: 1, hate: 2, hated: 2, disappointing: 2, disappointed: 2, "gave up": 1.5,
  "hard to follow": 1.5, "nobody answers": 1.5, worst: 2, refund: 1, average: 0.6, "too fast": 0.3,
  mediocre: 1, dull: 1.5, scam: 2, regret: 1.5, broken: 1.5,
};

/** Flip the polarity of the next sentiment term in their clause. */
export const NEGATORS: readonly string[] = [
  // zh (不 alone also covers 不好, 不值, 不清楚, ...)
  "不", "没", "没有", "无", "别", "非", "未", "并不", "不太", "不是", "一点也不", "毫无", "从不",
  // en
  "not", "no", "never", "without", "hardly", "barely", "nothing", "neither", "nor", "cannot",
];

export const INTENSIFIERS: Readonly<Record<string, number>> = {
  很: 1.3, 非常: 1.5, 特别: 1.5, 超: 1.5, 十分: 1.5, 太: 1.4, 真: 1.3, 极其: 1.8, 相当: 1.3,
  very: 1.4, really: 1.3, so: 1.3, highly: 1.5, extremely: 1.8, too: 1.3, super: 1.5, truly: 1.3, totally: 1.4,
};

/** The clause after one of these carries the reviewer's final word, so it counts for more. */
export const CONTRASTS: readonly string[] = ["但是", "但", "不过", "可是", "然而", "but", "however", "though", "although", "yet"];
