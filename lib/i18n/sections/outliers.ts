/** The Data page's outlier report; the zh object must have exactly the keys of the en one. */
export const outliersEn = {
  title: "Outlier report",
  subtitle: (customers: string, asOf: string) => `Live customer features of ${customers} customers, as of ${asOf}. A cap at a percentile clips every value above it; model training caps at the 99th percentile unless told otherwise.`,
  empty: "No customer features yet: import data and refresh the features to see their outliers.",
  chart: "Values above the 99th percentile cap, per feature",
  chartValue: "Values above the cap",
  columns: {
    feature: "Feature",
    count: "Values",
    min: "Min",
    max: "Max",
    cap99: "99th percentile cap",
    above99: "Above it",
    cap95: "95th percentile cap",
    above95: "Above it",
  },
  share: (share: string) => `(${share})`,
};

export const outliersZh: typeof outliersEn = {
  title: "异常值报告",
  subtitle: (customers: string, asOf: string) => `${customers} 位用户的当前特征，截至 ${asOf}。按某一百分位截断会把高于它的值都截为该值；模型训练默认按第 99 百分位截断。`,
  empty: "还没有用户特征：导入数据并刷新特征后即可查看异常值。",
  chart: "各特征高于第 99 百分位截断值的数量",
  chartValue: "高于截断值的数量",
  columns: {
    feature: "特征",
    count: "取值数",
    min: "最小值",
    max: "最大值",
    cap99: "第 99 百分位截断值",
    above99: "高于该值",
    cap95: "第 95 百分位截断值",
    above95: "高于该值",
  },
  share: (share: string) => `（${share}）`,
};
