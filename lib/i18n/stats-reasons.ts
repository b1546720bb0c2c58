import type { Locale } from "./index";

/**
 * Why a statistic is undefined: server/stats and the read-out (server/campaigns/readout.*) explain
 * it in one English sentence, carried as data. The read-out shows it in the reader's language:
 * every sentence those modules write has its Chinese here, keyed by the exact English text (or a
 * pattern for the ones with a number or an arm in them). A sentence not listed shows as written.
 */
const ZH_REASONS: Record<string, string> = {
  // server/stats/proportions.ts
  "arm has no observations": "该分组没有观测",
  "arm A has no observations": "分组 A 没有观测",
  "arm B has no observations": "分组 B 没有观测",
  "no conversions in either arm: z-test undefined": "两组都没有转化：无法做 z 检验",
  "every observation converted in both arms: z-test undefined": "两组全部转化：无法做 z 检验",
  "both rates are 0 or 1: Wald standard error is zero, interval undefined": "两组比例都是 0 或 1：Wald 标准误为 0，无法给出区间",
  "control rate is zero: relative lift undefined": "对照组比例为 0：无法计算相对提升",
  "treatment rate is zero: delta-method interval for relative lift undefined": "实验组比例为 0：无法用 Delta 方法给出相对提升的区间",
  "both rates are 1: delta-method standard error is zero, interval undefined": "两组比例都是 1：Delta 方法标准误为 0，无法给出区间",
  // server/stats/welch.ts, relative.ts, bayes-normal.ts, srm.ts, cuped.ts
  "both arms have zero variance: t statistic undefined": "两组方差都为 0：无法计算 t 统计量",
  "both arms have zero variance: standard error is 0, so t, df, p and interval are undefined": "两组方差都为 0：标准误为 0，无法计算 t、自由度、p 值和区间",
  "standard error is 0: z, p and interval are undefined": "标准误为 0：无法计算 z、p 值和区间",
  "control estimate is 0: relative lift undefined": "对照组估计值为 0：无法计算相对提升",
  "control estimate is negative: relative lift is not meaningful, reported as undefined": "对照组估计值为负：相对提升没有意义，记为无定义",
  "variance of the relative lift is 0: its interval is undefined": "相对提升的方差为 0：无法给出区间",
  "variance of the relative lift is 0: zRel undefined": "相对提升的方差为 0：无法计算其 z 值",
  "the difference has no uncertainty (standard error 0): a posterior needs spread": "差值没有不确定性（标准误为 0）：无法形成后验分布",
  "no observations in any arm": "所有分组都没有观测",
  "need at least 2 observations across both arms to estimate theta": "两组合计至少需要 2 个观测才能估计 θ",
  "covariate has zero variance: theta undefined, CUPED adds nothing": "协变量方差为 0：无法估计 θ，CUPED 不起作用",
  // server/campaigns/readout.*
  "the baseline arm has no exposures yet": "基准组尚无曝光",
  "this arm has no exposures yet": "该分组尚无曝光",
  "an arm has no exposures yet": "有分组尚无曝光",
  "one customer has no variance": "只有一位用户，没有方差",
  "the baseline arm has fewer than two customers: no variance to test with": "基准组不足两位用户：没有可用于检验的方差",
  "this arm has fewer than two customers: no variance to test with": "该分组不足两位用户：没有可用于检验的方差",
  "an arm has fewer than two customers": "有分组不足两位用户",
  "bandit allocation changes the split on purpose: SRM does not apply": "多臂老虎机分配会有意改变分流比例：不适用 SRM 检查",
  "a single arm has no split to check": "只有一个分组，没有可检查的分流比例",
  "no one assigned yet": "尚未分配任何用户",
  "no standard error": "没有标准误",
  // server/stats/ratio.ts (revenue per converter), winsorise.ts (the pooled cap)
  "variance of the difference is 0 (zero variance in both arms): z, p and interval undefined": "差值的方差为 0（两组方差都为 0）：无法计算 z、p 值和区间",
  "no values in any sample: quantile undefined": "所有样本都没有取值：无法计算分位数",
};

const ZH_PATTERNS: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^arm (A|B) needs at least 2 observations \(has (\d+)\)$/, (arm, n) => `分组 ${arm} 至少需要 2 个观测（现有 ${n} 个）`],
  [/^arm (.+) is empty \(n = 0\)$/, (arm) => `分组 ${arm} 为空（n = 0）`],
  [/^arm (.+) has n = 1: sample variance \(ddof 1\) undefined$/, (arm) => `分组 ${arm} 只有 1 个观测：样本方差无定义`],
  // server/stats/ratio.ts
  [/^arm (.+): sum of denominators is 0, ratio undefined$/, (arm) => `分组 ${arm}：分母之和为 0，无法计算比率`],
  [/^arm (.+) is empty \(n = 0\): ratio undefined$/, (arm) => `分组 ${arm} 为空（n = 0）：无法计算比率`],
  [/^arm (.+) has n = 1: sample \(co\)variances \(ddof 1\) undefined, so Var\(R\) undefined$/, (arm) => `分组 ${arm} 只有 1 个观测：样本（协）方差无定义，比率的方差也无定义`],
];

const ZH_CHAINED: Array<[RegExp, (inner: string) => string]> = [
  [/^(.+); relative lift undefined \(an arm estimate is undefined\)$/, (inner) => `${inner}；有分组估计值无定义，无法计算相对提升`],
  [/^(.+); variance undefined: relative-lift interval undefined$/, (inner) => `${inner}；方差无定义，无法给出相对提升的区间`],
];

/** The reason a statistic is undefined, in the reader's language. */
export function statsReasonLabel(locale: Locale, reason: string): string {
  if (locale === "en") return reason;
  const exact = ZH_REASONS[reason];
  if (exact !== undefined) return exact;
  for (const [pattern, render] of ZH_PATTERNS) {
    const match = pattern.exec(reason);
    if (match) return render(...match.slice(1));
  }
  for (const [pattern, render] of ZH_CHAINED) {
    const match = pattern.exec(reason);
    if (match) return render(statsReasonLabel(locale, match[1]!));
  }
  return reason;
}
