/**
 * Masking of personal data for roles without "customers.pii". Runs on the server only: the
 * unmasked value never reaches a browser that may not see it.
 */
const MASK = "*";

export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  if (chars.length === 1) return MASK;
  return `${chars[0]}${MASK.repeat(Math.min(chars.length - 1, 6))}`;
}

export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return MASK.repeat(3);
  const local = [...email.slice(0, at)];
  return `${local[0]}${MASK.repeat(3)}@${email.slice(at + 1)}`;
}

export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const chars = [...phone];
  if (chars.length <= 5) return MASK.repeat(chars.length);
  return chars.map((c, i) => (i < 3 || i >= chars.length - 2 || !/[0-9]/.test(c) ? c : MASK)).join("");
}

export interface PersonalData {
  displayName: string | null;
  email: string | null;
  phone: string | null;
}

export function maskPersonalData<T extends PersonalData>(row: T, canSeePii: boolean): T & { piiMasked: boolean } {
  if (canSeePii) return { ...row, piiMasked: false };
  return { ...row, displayName: maskName(row.displayName), email: maskEmail(row.email), phone: maskPhone(row.phone), piiMasked: true };
}

/**
 * Keys of the free-form `attributes` that roles without "customers.pii" may see. A whitelist, not a
 * blacklist: attributes arrive from importers and API clients as anything (the real data sets bring
 * gender, disability, age, marital status, bank balance; a client may send notes), so a key is
 * hidden unless it is known to hold nothing about the person. Listed: which data set a customer came
 * from, the UI language, the interests they chose in the product, and the course presentations they
 * took (catalogue codes).
 */
export const NON_PERSONAL_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(["dataset", "locale", "declared_interests", "presentations"]);

const MAX_SHOWN_TEXT = 100;
const MAX_SHOWN_ITEMS = 50;

/** A whitelisted key's value is shown only if it is a short plain value (or a short list of them). */
function plainValue(value: unknown): boolean {
  if (value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return true;
  if (typeof value === "string") return value.length <= MAX_SHOWN_TEXT;
  return false;
}

function shownValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.length <= MAX_SHOWN_ITEMS && value.every(plainValue);
  return plainValue(value);
}

export function maskAttributes(attributes: Record<string, unknown> | null | undefined, canSeePii: boolean): { attributes: Record<string, unknown>; attributesWithheld: number } {
  const all = attributes ?? {};
  if (canSeePii) return { attributes: all, attributesWithheld: 0 };
  const shown: Record<string, unknown> = {};
  let withheld = 0;
  for (const [key, value] of Object.entries(all)) {
    if (NON_PERSONAL_ATTRIBUTE_KEYS.has(key) && shownValue(value)) shown[key] = value;
    else withheld++;
  }
  return { attributes: shown, attributesWithheld: withheld };
}
