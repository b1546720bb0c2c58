/** Models screen labels; the zh object must have exactly the keys of the en one. */
export const modelsEn = {
  title: "Models",
  subtitle: "Train, compare and activate the models that score customers.",
};

export const modelsZh: typeof modelsEn = {
  title: "模型",
  subtitle: "训练、比较并启用为用户打分的模型。",
};
