import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDictionary } from "@/lib/i18n";
import { auditActionLabel, auditActorLabel, auditDetailEntries, auditTargetLabel } from "@/lib/i18n/audit-label";
import { algorithmLabel, paramLines } from "@/lib/i18n/model-label";
import { statsReasonLabel } from "@/lib/i18n/stats-reasons";
import { rfmStarterName } from "@/lib/shared/starter-names";

const en = getDictionary("en");
const zh = getDictionary("zh");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : [];
  });
}

/** Every action code the server records: literal `action: "x"`, both sides of a ternary, and campaigns.<transition>. */
function recordedActions(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.resolve("server"))) {
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("recordAudit(")) continue;
    for (const match of text.matchAll(/action: ([^,\n]+),/g)) {
      for (const literal of match[1]!.matchAll(/"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"/g)) codes.add(literal[1]!);
    }
  }
  const transitions = /export type CampaignAction = ([^;]+);/.exec(fs.readFileSync(path.resolve("server/campaigns/state-machine.ts"), "utf8"))![1]!;
  for (const name of transitions.matchAll(/"(\w+)"/g)) codes.add(`campaigns.${name[1]}`);
  return [...codes].sort();
}

describe("audit log labels", () => {
  it("name every action the server records, in both languages", () => {
    const actions = recordedActions();
    expect(actions).toContain("campaigns.delete");
    expect(actions).toContain("auth.locked");
    expect(actions).toContain("campaigns.approve");
    for (const action of actions) {
      expect(auditActionLabel(en, action), action).not.toBe(action);
      expect(auditActionLabel(zh, action), action).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(auditActionLabel(zh, "campaigns.delete")).toBe("删除活动草稿");
    expect(auditActionLabel(en, "campaigns.delete")).toBe("Campaign draft deleted");
    expect(auditActionLabel(zh, "future.thing")).toBe("future.thing");
  });

  it("translate code values in the detail and keep ids and free text as data", () => {
    const entries = auditDetailEntries(zh, "zh", "campaigns.submit", { id: "626bf2a7-d43b-4d51-8e58-455dc0283398", from: "draft", to: "pending_approval", segmentSize: 78 });
    expect(entries.map((e) => `${e.label}=${e.value}`)).toEqual(["编号=626bf2a7-d43b-4d51-8e58-455dc0283398", "原=草稿", "新=待审批", "分层人数=78"]);
    expect(entries.map((e) => e.data)).toEqual([true, false, false, false]);
    expect(auditDetailEntries(zh, "zh", "staff.role_change", { from: "marketer", to: "manager" }).map((e) => e.value)).toEqual([zh.roles.marketer, zh.roles.manager]);
    expect(auditDetailEntries(zh, "zh", "auth.sign_in_failed", { reason: "unknown_email" })[0]).toMatchObject({ label: "原因", value: "邮箱不存在", data: false });
    expect(auditDetailEntries(zh, "zh", "segments.create", { kind: "rfm" })[0]!.value).toBe("RFM 预设");
    expect(auditDetailEntries(zh, "zh", "models.activate", { task: "churn", bySystem: true }).map((e) => e.value)).toEqual(["流失风险", "是"]);
    expect(auditDetailEntries(en, "en", "segments.update", { changed: ["name", "definition"] })[0]!.value).toBe("name, definition");
    expect(auditDetailEntries(zh, "zh", "api_key.create", { source: "my_shop" })[0]).toMatchObject({ value: "my_shop", data: true });
  });

  it("translate system-named targets and the system actor; e-mails and names stay as stored", () => {
    expect(auditTargetLabel(zh, "zh", "segments.create", rfmStarterName("champions")).text).toBe("RFM：重要价值客户");
    expect(auditTargetLabel(zh, "zh", "models.activate", "churn v2")).toEqual({ text: "流失风险 v2", data: false });
    expect(auditTargetLabel(zh, "zh", "models.schedule", "nightly on")).toEqual({ text: "开启每晚重训", data: false });
    expect(auditTargetLabel(zh, "zh", "staff.create", "a@b.c")).toEqual({ text: "a@b.c", data: true });
    expect(auditActorLabel(zh, "system")).toEqual({ text: "系统", data: false });
    expect(auditActorLabel(zh, null)).toEqual({ text: "系统", data: false });
    expect(auditActorLabel(zh, "Ada Admin")).toEqual({ text: "Ada Admin", data: true });
  });
});

describe("model labels", () => {
  it("name every algorithm code and each parameter", () => {
    for (const code of ["logistic", "mlp", "tree", "forest", "gbt", "kmeans", "ward", "fpgrowth"]) {
      expect(algorithmLabel(zh.models, code), code).not.toBe(code);
      expect(algorithmLabel(en.models, code), code).not.toBe(code);
    }
    expect(paramLines(zh.models, { algorithm: "gbt", folds: 3, classBalance: true })).toEqual(["算法 = 梯度提升树", "交叉验证折数 = 3", "类别平衡 = 是"]);
  });
});

/** The files whose undefined-statistic reasons reach the read-out screen. */
const READOUT_REASON_FILES = ["server/stats/proportions.ts", "server/stats/welch.ts", "server/stats/relative.ts", "server/stats/bayes-normal.ts", "server/stats/srm.ts", "server/stats/cuped.ts", "server/campaigns/readout.effects.ts", "server/campaigns/readout.service.ts"];

describe("statistics reasons", () => {
  it("give every fixed reason the read-out can show in Chinese, and leave English as written", () => {
    const reasons = new Set<string>();
    for (const file of READOUT_REASON_FILES) {
      const text = fs.readFileSync(path.resolve(file), "utf8");
      for (const match of text.matchAll(/(?:undefinedBecause|undefinedLift|undefinedAs)\("([^"]+)"\)|reason: "([^"]+)"|const reason = "([^"]+)"/g)) {
        const reason = (match[1] ?? match[2] ?? match[3])!;
        // A one-word value ("no_signal") is a code the screen words itself, not a sentence shown.
        if (reason.includes(" ")) reasons.add(reason);
      }
      // A reason chosen by a ternary, as a whole argument or assignment (not a fragment of a template).
      for (const match of text.matchAll(/\? "([^"]+)" : "([^"]+)"[);]/g)) [match[1]!, match[2]!].filter((r) => r.includes(" ")).forEach((r) => reasons.add(r));
    }
    expect(reasons.size).toBeGreaterThan(20);
    for (const reason of reasons) {
      expect(statsReasonLabel("zh", reason), reason).toMatch(/[\u4e00-\u9fff]/);
      expect(statsReasonLabel("en", reason)).toBe(reason);
    }
  });

  it("translate reasons with an arm or a count in them, and chained ones", () => {
    expect(statsReasonLabel("zh", "arm B needs at least 2 observations (has 1)")).toBe("分组 B 至少需要 2 个观测（现有 1 个）");
    expect(statsReasonLabel("zh", "arm A is empty (n = 0); relative lift undefined (an arm estimate is undefined)")).toBe("分组 A 为空（n = 0）；有分组估计值无定义，无法计算相对提升");
    expect(statsReasonLabel("zh", "something new")).toBe("something new");
  });
});
