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
