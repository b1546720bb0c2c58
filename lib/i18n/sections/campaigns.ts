/** Campaigns screen labels; the zh object must have exactly the keys of the en one. */
export const campaignsEn = {
  title: "Campaigns",
  subtitle: "Targeted campaigns and honest A/B results.",
};

export const campaignsZh: typeof campaignsEn = {
  title: "营销活动",
  subtitle: "定向活动与可信的 A/B 结果。",
};
