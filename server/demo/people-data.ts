/** Name and geography pools for believable customer attributes. */

export const ZH_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "许", "邓", "曹"];
export const ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "婷", "浩然", "子涵", "欣怡", "梓轩", "雨萱", "思远", "一诺", "佳怡", "俊杰", "晓东", "文博", "嘉怡", "宇航"];
/** Latin spellings for e-mail local parts, index-aligned with the pools above. */
export const ZH_SURNAMES_PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "liang", "song", "zheng", "xie", "han", "tang", "feng", "xu", "deng", "cao"];
export const ZH_GIVEN_PINYIN = ["wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "yang", "yan", "yong", "jun", "jie", "juan", "tao", "ming", "chao", "xiuying", "xia", "ping", "gang", "ting", "haoran", "zihan", "xinyi", "zixuan", "yuxuan", "siyuan", "yinuo", "jiayi", "junjie", "xiaodong", "wenbo", "jiayi", "yuhang"];

export const EN_FIRST = ["Alex", "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Sophia", "Leo", "Grace", "Jack", "Chloe", "Ryan", "Lily", "Kevin", "Amy", "Jason", "Cindy", "Tony", "Vivian", "Eric", "Iris"];
export const EN_LAST = ["Smith", "Chen", "Wang", "Lee", "Brown", "Zhang", "Wong", "Taylor", "Liu", "Johnson", "Lin", "Miller", "Ho", "Davis", "Tan", "Wilson"];

export const EMAIL_DOMAINS_ZH = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "outlook.com"];
export const EMAIL_DOMAINS_EN = ["gmail.com", "outlook.com", "icloud.com", "yahoo.com", "hotmail.com"];

/** Provinces and regions with rough weights (larger online-learning markets weigh more). */
export const REGIONS: readonly { name: string; weight: number; tier1: boolean }[] = [
  { name: "广东", weight: 12, tier1: true },
  { name: "北京", weight: 7, tier1: true },
  { name: "上海", weight: 7, tier1: true },
  { name: "浙江", weight: 7, tier1: false },
  { name: "江苏", weight: 7, tier1: false },
  { name: "山东", weight: 5, tier1: false },
  { name: "四川", weight: 5, tier1: false },
  { name: "河南", weight: 4.5, tier1: false },
  { name: "湖北", weight: 4, tier1: false },
  { name: "湖南", weight: 3.5, tier1: false },
  { name: "福建", weight: 3.5, tier1: false },
  { name: "河北", weight: 3, tier1: false },
  { name: "陕西", weight: 3, tier1: false },
  { name: "安徽", weight: 3, tier1: false },
  { name: "重庆", weight: 2.5, tier1: false },
  { name: "天津", weight: 2, tier1: false },
  { name: "辽宁", weight: 2, tier1: false },
  { name: "江西", weight: 2, tier1: false },
  { name: "广西", weight: 2, tier1: false },
  { name: "云南", weight: 1.8, tier1: false },
  { name: "山西", weight: 1.5, tier1: false },
  { name: "黑龙江", weight: 1.2, tier1: false },
  { name: "吉林", weight: 1, tier1: false },
  { name: "贵州", weight: 1.2, tier1: false },
  { name: "内蒙古", weight: 0.8, tier1: false },
  { name: "新疆", weight: 0.8, tier1: false },
  { name: "甘肃", weight: 0.7, tier1: false },
  { name: "海南", weight: 0.6, tier1: false },
  { name: "宁夏", weight: 0.3, tier1: false },
  { name: "青海", weight: 0.2, tier1: false },
  { name: "西藏", weight: 0.1, tier1: false },
  { name: "香港", weight: 0.5, tier1: true },
  { name: "台湾", weight: 0.3, tier1: false },
  { name: "澳门", weight: 0.1, tier1: false },
];

export const CHANNELS = ["organic", "search", "social", "referral", "ads", "partner", "app_store"] as const;
export const AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55+"] as const;
export const DEVICES = ["ios", "android", "web", "mini_program"] as const;
