import { CATEGORY_NAMES } from "../../lib/i18n/categories";

/** Hand-written topics the catalogue is built from: real-sounding zh/en titles per category. */

export interface TopicSpec {
  key: string;
  zh: string;
  en: string;
  level: "beginner" | "intermediate" | "advanced";
}

export interface CategorySpec {
  key: string;
  zh: string;
  en: string;
  topics: readonly TopicSpec[];
}

const t = (key: string, zh: string, en: string, level: TopicSpec["level"] = "beginner"): TopicSpec => ({ key, zh, en, level });

export const CATEGORIES: readonly CategorySpec[] = [
  {
    key: "programming",
    ...CATEGORY_NAMES.programming,
    topics: [
      t("python-basics", "Python 入门", "Python Basics"),
      t("html-css", "HTML 与 CSS 基础", "HTML & CSS Foundations"),
      t("javascript", "JavaScript 进阶", "Advanced JavaScript", "intermediate"),
      t("react", "React 实战", "React in Practice", "intermediate"),
      t("nodejs", "Node.js 全栈开发", "Full-Stack Node.js", "advanced"),
      t("go", "Go 语言编程", "Programming in Go", "intermediate"),
      t("algorithms", "数据结构与算法", "Data Structures & Algorithms", "intermediate"),
      t("linux", "Linux 命令行实用指南", "Practical Linux Command Line"),
    ],
  },
  {
    key: "data",
    ...CATEGORY_NAMES.data,
    topics: [
      t("excel", "Excel 高效办公", "Excel for Productivity"),
      t("sql", "SQL 数据查询", "SQL for Data Queries"),
      t("bi", "Power BI 可视化", "Data Visualization with Power BI", "intermediate"),
      t("data-analysis", "Python 数据分析", "Data Analysis with Python", "intermediate"),
      t("machine-learning", "机器学习实战", "Hands-on Machine Learning", "advanced"),
      t("deep-learning", "深度学习入门", "Deep Learning Foundations", "advanced"),
      t("statistics", "统计学通识", "Statistics Made Simple"),
      t("ai-tools", "AI 工具提效", "AI Tools for Everyday Work"),
    ],
  },
  {
    key: "finance",
    ...CATEGORY_NAMES.finance,
    topics: [
      t("personal-finance", "个人理财入门", "Personal Finance 101"),
      t("funds", "基金定投实战", "Index Fund Investing", "intermediate"),
      t("stocks", "股票投资分析", "Stock Analysis for Investors", "intermediate"),
      t("statements", "财务报表解读", "Reading Financial Statements", "advanced"),
      t("insurance", "家庭保险规划", "Family Insurance Planning"),
      t("tax", "个税与社保指南", "Income Tax & Social Security Guide"),
      t("retirement", "养老规划", "Planning for Retirement"),
      t("crypto-risk", "数字资产风险课", "Digital Assets: Risks First", "intermediate"),
    ],
  },
  {
    key: "languages",
    ...CATEGORY_NAMES.languages,
    topics: [
      t("phonetics", "英语音标速成", "English Pronunciation Bootcamp"),
      t("business-english", "职场英语口语", "Business English Speaking", "intermediate"),
      t("ielts-writing", "雅思写作 7 分", "IELTS Writing Band 7", "advanced"),
      t("japanese", "日语五十音", "Japanese Kana from Zero"),
      t("korean", "韩语零基础", "Korean for Absolute Beginners"),
      t("grammar", "英语语法精讲", "English Grammar in Depth", "intermediate"),
      t("vocabulary", "考研英语词汇", "Graduate Exam English Vocabulary", "intermediate"),
      t("french", "法语入门", "French for Beginners"),
    ],
  },
  {
    key: "career",
    ...CATEGORY_NAMES.career,
    topics: [
      t("resume", "简历与面试", "Resumes & Interviews"),
      t("communication", "职场沟通", "Communication at Work"),
      t("pmp", "项目管理 PMP 备考", "Project Management (PMP) Prep", "intermediate"),
      t("leadership", "新任管理者领导力", "Leadership for New Managers", "advanced"),
      t("ppt", "PPT 设计与汇报", "Presentations that Persuade"),
      t("time", "时间管理", "Time Management"),
      t("negotiation", "商务谈判", "Business Negotiation", "intermediate"),
      t("product-manager", "产品经理入门", "Becoming a Product Manager"),
    ],
  },
  {
    key: "design",
    ...CATEGORY_NAMES.design,
    topics: [
      t("photoshop", "Photoshop 基础", "Photoshop Essentials"),
      t("ui-design", "UI 设计", "UI Design", "intermediate"),
      t("figma", "Figma 产品设计", "Product Design in Figma", "advanced"),
      t("illustration", "iPad 插画", "iPad Illustration"),
      t("typography", "字体与排版", "Typography & Layout", "intermediate"),
      t("video-editing", "短视频剪辑", "Short Video Editing"),
      t("photography", "手机摄影", "Smartphone Photography"),
      t("interior", "家居软装设计", "Interior Styling at Home"),
    ],
  },
  {
    key: "health",
    ...CATEGORY_NAMES.health,
    topics: [
      t("nutrition", "营养学基础", "Nutrition Basics"),
      t("fitness", "居家健身", "Home Fitness"),
      t("sleep", "睡眠改善计划", "Better Sleep Program"),
      t("yoga", "瑜伽入门", "Yoga for Beginners"),
      t("mental", "情绪管理", "Managing Emotions", "intermediate"),
      t("running", "跑步训练", "Running Training Plan", "intermediate"),
      t("tcm", "中医养生", "Traditional Chinese Wellness"),
      t("parenting-health", "儿童健康护理", "Child Health Care"),
    ],
  },
  {
    key: "hobbies",
    ...CATEGORY_NAMES.hobbies,
    topics: [
      t("guitar", "吉他弹唱", "Guitar & Singing"),
      t("calligraphy", "硬笔书法", "Pen Calligraphy"),
      t("cooking", "家常菜烹饪", "Home Cooking Classics"),
      t("chess", "围棋入门", "Go (Weiqi) for Beginners"),
      t("piano", "成人钢琴", "Piano for Adults"),
      t("tea", "茶艺入门", "The Art of Tea"),
      t("writing", "写作课：讲好故事", "Storytelling Workshop", "intermediate"),
      t("drawing", "素描基础", "Sketching Fundamentals"),
    ],
  },
  {
    key: "exams",
    ...CATEGORY_NAMES.exams,
    topics: [
      t("cpa", "注册会计师备考", "CPA Exam Prep", "advanced"),
      t("civil-service", "公务员行测", "Civil Service Aptitude Test", "intermediate"),
      t("teacher", "教师资格证", "Teacher Certification"),
      t("accounting", "初级会计", "Junior Accountant Exam"),
      t("law", "法考精讲", "Bar Exam Lectures", "advanced"),
      t("hr", "人力资源管理师", "HR Management Certificate", "intermediate"),
      t("gre", "GRE 数学", "GRE Quant"),
      t("cfa", "CFA 一级", "CFA Level I", "advanced"),
    ],
  },
];

/**
 * Planted co-purchase tracks: ordered course sequences that career upskillers (and some power
 * learners) buy step by step, so association rules should find these pairs with high lift.
 */
export const TRACKS: readonly { key: string; zh: string; en: string; topics: readonly string[] }[] = [
  { key: "python-ml", zh: "Python 到机器学习", en: "Python to Machine Learning", topics: ["python-basics", "data-analysis", "machine-learning", "deep-learning"] },
  { key: "web-dev", zh: "Web 全栈", en: "Web Full Stack", topics: ["html-css", "javascript", "react", "nodejs"] },
  { key: "data-office", zh: "数据办公", en: "Office Data Skills", topics: ["excel", "sql", "bi"] },
  { key: "investing", zh: "投资理财", en: "Investing", topics: ["personal-finance", "funds", "stocks", "statements"] },
  { key: "english-career", zh: "职场英语", en: "English for Work", topics: ["phonetics", "business-english", "ielts-writing"] },
  { key: "management", zh: "管理进阶", en: "Management Track", topics: ["communication", "pmp", "leadership"] },
  { key: "product-design", zh: "产品设计", en: "Product Design", topics: ["photoshop", "ui-design", "figma"] },
];
