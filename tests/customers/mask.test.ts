import { describe, expect, it } from "vitest";
import { maskAttributes, maskEmail, maskName, maskPersonalData, maskPhone } from "../../server/customers/mask";

describe("personal data masking", () => {
  it("masks names, emails and phones, keeping only a hint", () => {
    expect(maskName("王小明")).toBe("王**");
    expect(maskName("Alice Wang")).toBe("A******");
    expect(maskName("X")).toBe("*");
    expect(maskName(null)).toBeNull();
    expect(maskEmail("alice@example.com")).toBe("a***@example.com");
    expect(maskEmail("broken")).toBe("***");
    expect(maskPhone("13800001111")).toBe("138******11");
    expect(maskPhone("+86 138 0000 1111")).toBe("+86 *** **** **11");
    expect(maskPhone("123")).toBe("***");
  });

  it("masks a whole row unless the viewer may see personal data", () => {
    const row = { displayName: "Alice", email: "a@b.c", phone: "13800001111", region: "Shanghai" };
    expect(maskPersonalData(row, true)).toEqual({ ...row, piiMasked: false });
    expect(maskPersonalData(row, false)).toEqual({ displayName: "A****", email: "a***@b.c", phone: "138******11", region: "Shanghai", piiMasked: true });
  });
});

describe("attribute whitelist", () => {
  it("keeps whitelisted short plain values for roles without customers.pii, everything for the others", () => {
    const attributes = { dataset: "oulad", declared_interests: ["data", "design"], gender: "F", locale: "x".repeat(101) };
    expect(maskAttributes(attributes, false)).toEqual({ attributes: { dataset: "oulad", declared_interests: ["data", "design"] }, attributesWithheld: 2 });
    expect(maskAttributes(attributes, true)).toEqual({ attributes, attributesWithheld: 0 });
    expect(maskAttributes(null, false)).toEqual({ attributes: {}, attributesWithheld: 0 });
  });
});
