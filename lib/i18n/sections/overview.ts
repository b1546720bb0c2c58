/** Overview screen labels; the zh object must have exactly the keys of the en one. */
export const overviewEn = {
  title: "Overview",
  subtitle: "Conversion, retention, renewal and churn at a glance.",
};

export const overviewZh: typeof overviewEn = {
  title: "经营概览",
  subtitle: "转化、留存、续费与流失一览。",
};
