/**
 * The password policy, in one place: staff creation (API and CLI), the first admin from the
 * environment, and changing a password all ask this function.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/*
 * Passwords that top every leaked-password list, and the words they are built from. A password is
 * refused when, lower-cased and stripped of everything but letters and digits, it is one of these,
 * one of these followed by digits, or a run of one repeated character or an ascending keyboard or
 * digit sequence. Short on purpose: the length rule does most of the work.
 */
const COMMON_WORDS = [
  "password", "passw0rd", "p4ssw0rd", "pass", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm",
  "letmein", "welcome", "iloveyou", "admin", "administrator", "changeme", "default", "secret", "login",
  "master", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "shadow", "superman",
  "trustno1", "abc", "abcdef", "stratum", "test", "guest", "root", "user", "hello", "freedom", "whatever",
  "passwordpassword", "adminadmin", "welcomewelcome", "mima", "woaini", "qwer", "asdf", "zaq1xsw2", "1q2w3e4r",
  "1q2w3e4r5t", "1qaz2wsx", "qazwsx", "passwort", "motdepasse", "contrasena",
];
const COMMON = new Set(COMMON_WORDS);
const SEQUENCES = [
  "0123456789012345678901234567890",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn",
  "1q2w3e4r5t6y7u8i9o0p",
];
const LEET: Record<string, string> = { "@": "a", "4": "a", "$": "s", "5": "s", "0": "o", "1": "i", "!": "i", "3": "e", "7": "t" };

function lettersAndDigits(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, "");
}

function isCommon(password: string): boolean {
  const lower = password.normalize("NFKC").toLowerCase();
  const plain = lettersAndDigits(lower);
  if (new Set(plain).size <= 2) return true;
  if (SEQUENCES.some((sequence) => sequence.includes(plain))) return true;
  // The password itself, and without its trailing digits and punctuation ("Password2024!"), each
  // as typed and with look-alike characters read as letters ("P@ssw0rd").
  const core = lower.replace(/[\p{N}\p{P}\p{S}\s]+$/u, "");
  const candidates = [lower, core].flatMap((text) => [lettersAndDigits(text), lettersAndDigits(text.replace(/[@4$501!37]/g, (c) => LEET[c] ?? c))]);
  return candidates.some((candidate) => COMMON.has(candidate));
}

/**
 * The first rule the password breaks, as a message naming the field, or null when it passes.
 * `email` is the account's address (the password may be neither it nor its local part); `field`
 * is the input's name in the message ("newPassword must be at least 12 characters").
 */
export function passwordProblem(password: string, email?: string, field = "password"): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `${field} must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `${field} must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    const typed = password.trim().toLowerCase();
    if (typed === address || typed.includes(address) || (local.length >= 4 && lettersAndDigits(typed) === lettersAndDigits(local))) {
      return `${field} must not be the email address`;
    }
  }
  if (isCommon(password)) return `${field} is too common: choose a longer phrase that is not a well-known password`;
  return null;
}
