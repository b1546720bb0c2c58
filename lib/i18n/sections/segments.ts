/** Segments screen labels; the zh object must have exactly the keys of the en one. */
export const segmentsEn = {
  title: "Segments",
  subtitle: "Layer customers into groups you can act on.",
};

export const segmentsZh: typeof segmentsEn = {
  title: "用户分层",
  subtitle: "把用户分成可以采取行动的群体。",
};
