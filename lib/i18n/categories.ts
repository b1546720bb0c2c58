/**
 * The names of the catalogue's course categories, in both languages. The catalogue owns them: the
 * demo generator builds its products under these keys, and a category an import brings that is not
 * listed here shows as written.
 */
export const CATEGORY_NAMES = {
  programming: { zh: "编程", en: "Programming" },
  data: { zh: "数据", en: "Data" },
  finance: { zh: "理财", en: "Finance" },
  languages: { zh: "语言", en: "Languages" },
  career: { zh: "职场", en: "Career" },
  design: { zh: "设计", en: "Design" },
  health: { zh: "健康", en: "Health" },
  hobbies: { zh: "兴趣", en: "Hobbies" },
  exams: { zh: "考证", en: "Exams" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type CategoryKey = keyof typeof CATEGORY_NAMES;

/** The zh/en names of a category key, or undefined for a category only an import knows. */
export function categoryNames(key: string): { zh: string; en: string } | undefined {
  return Object.hasOwn(CATEGORY_NAMES, key) ? CATEGORY_NAMES[key as CategoryKey] : undefined;
}
