import { CONTRASTS, INTENSIFIERS, NEGATIVE_TERMS, NEGATORS, POSITIVE_TERMS } from "./sentiment-lexicon";

/**
 * Lexicon sentiment for short zh/en reviews: score in -1..1 (0 when no sentiment word is found).
 *
 * - Chinese has no spaces, so terms are found by longest match over the lexicon; English is matched
 *   word by word, with multi-word phrases ("waste of time") tried first.
 * - A negator flips the next sentiment term within a short window of its clause ("not good",
 *   "不好", "没有用"); a negated negative counts as mildly positive ("not bad").
 * - Intensifiers scale the next term; after a contrast word ("但是", "though") the rest of the
 *   review weighs three times what came before it.
 * - score = sum / (sum of magnitudes + 1): a lone mild word stays near neutral, while strong or
 *   repeated words approach ±1.
 */
export interface SentimentResult {
  score: number;
  label: SentimentLabel;
  terms: number;
}

export type SentimentLabel = "positive" | "neutral" | "negative";

/** Scores within ±NEUTRAL_BAND are labelled neutral. */
export const NEUTRAL_BAND = 0.25;

type Token =
  | { kind: "term"; weight: number }
  | { kind: "negator" }
  | { kind: "intensifier"; factor: number }
  | { kind: "contrast" }
  | { kind: "other" };

const NEGATION_WINDOW = 3;
const NEGATED_NEGATIVE_FACTOR = 0.5;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;

interface Lexicon {
  entries: Map<string, Token>;
  maxZhLength: number;
  maxEnWords: number;
}

function buildLexicon(): Lexicon {
  const entries = new Map<string, Token>();
  for (const [term, weight] of Object.entries(POSITIVE_TERMS)) entries.set(term, { kind: "term", weight });
  for (const [term, weight] of Object.entries(NEGATIVE_TERMS)) entries.set(term, { kind: "term", weight: -weight });
  for (const [term, factor] of Object.entries(INTENSIFIERS)) entries.set(term, { kind: "intensifier", factor });
  for (const term of NEGATORS) entries.set(term, { kind: "negator" });
  for (const term of CONTRASTS) entries.set(term, { kind: "contrast" });
  let maxZhLength = 1;
  let maxEnWords = 1;
  for (const key of entries.keys()) {
    if (/^[a-z' ]+$/.test(key)) maxEnWords = Math.max(maxEnWords, key.split(" ").length);
    else maxZhLength = Math.max(maxZhLength, key.length);
  }
  return { entries, maxZhLength, maxEnWords };
}

const LEXICON = buildLexicon();
const CLAUSE_BREAK = /[,.!?;:，。！？；：、\n()（）]/;
const LATIN = /[a-z0-9']/;

function isEnglishNegation(word: string): boolean {
  return word.endsWith("n't") || /^(dont|doesnt|didnt|isnt|wasnt|arent|werent|cant|couldnt|wont|wouldnt|shouldnt|havent|hasnt)$/.test(word);
}

/** "没有用": 没有 is a negator, but 有用 is the term; let the negator give back its last char. */
function zhToken(text: string, at: number): { token: Token; length: number } {
  for (let length = Math.min(LEXICON.maxZhLength, text.length - at); length >= 1; length--) {
    const token = LEXICON.entries.get(text.slice(at, at + length));
    if (!token) continue;
    if (token.kind === "negator" && length > 1) {
      const shorter = text.slice(at, at + length - 1);
      const overlap = zhLongestTerm(text, at + length - 1);
      if (LEXICON.entries.get(shorter)?.kind === "negator" && overlap > length - 1) return { token, length: length - 1 };
    }
    return { token, length };
  }
  return { token: { kind: "other" }, length: 1 };
}

function zhLongestTerm(text: string, at: number): number {
  for (let length = Math.min(LEXICON.maxZhLength, text.length - at); length >= 1; length--) {
    if (LEXICON.entries.get(text.slice(at, at + length))?.kind === "term") return length;
  }
  return 0;
}

function englishTokens(words: string[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = false;
    for (let n = Math.min(LEXICON.maxEnWords, words.length - i); n >= 1; n--) {
      const token = LEXICON.entries.get(words.slice(i, i + n).join(" "));
      if (token) {
        tokens.push(token);
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    tokens.push(isEnglishNegation(words[i] ?? "") ? { kind: "negator" } : { kind: "other" });
    i++;
  }
  return tokens;
}

/** Splits a clause into tokens: runs of Latin words and runs of CJK characters. */
function clauseTokens(clause: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < clause.length) {
    const ch = clause[i] ?? "";
    if (LATIN.test(ch) || ch === " ") {
      let j = i;
      while (j < clause.length && (LATIN.test(clause[j] ?? "") || clause[j] === " ")) j++;
      tokens.push(...englishTokens(clause.slice(i, j).split(" ").filter(Boolean)));
      i = j;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      const { token, length } = zhToken(clause, i);
      tokens.push(token);
      i += length;
    }
  }
  return tokens;
}

export function labelFor(score: number): SentimentLabel {
  if (score > NEUTRAL_BAND) return "positive";
  if (score < -NEUTRAL_BAND) return "negative";
  return "neutral";
}

export function scoreSentiment(text: string): SentimentResult {
  const clauses = text.toLowerCase().replace(/[’‘]/g, "'").split(CLAUSE_BREAK);
  let before = { sum: 0, magnitude: 0 };
  let current = { sum: 0, magnitude: 0 };
  let weight = 1;
  let terms = 0;
  for (const clause of clauses) {
    let negatedFor = 0;
    let intensity = 1;
    for (const token of clauseTokens(clause)) {
      if (token.kind === "negator") {
        negatedFor = NEGATION_WINDOW + 1;
      } else if (token.kind === "intensifier") {
        intensity *= token.factor;
      } else if (token.kind === "contrast") {
        // Everything so far becomes the weaker half of "X, but Y".
        before = { sum: before.sum + current.sum * BEFORE_CONTRAST, magnitude: before.magnitude + current.magnitude * BEFORE_CONTRAST };
        current = { sum: 0, magnitude: 0 };
        weight = AFTER_CONTRAST;
      } else if (token.kind === "term") {
        let value = token.weight * intensity;
        if (negatedFor > 0) value = value > 0 ? -value : -value * NEGATED_NEGATIVE_FACTOR;
        current.sum += value * weight;
        current.magnitude += Math.abs(value) * weight;
        terms++;
        negatedFor = 0;
        intensity = 1;
      }
      if (token.kind !== "negator" && negatedFor > 0) negatedFor--;
    }
  }
  const sum = before.sum + current.sum;
  const magnitude = before.magnitude + current.magnitude;
  const score = terms === 0 ? 0 : sum / (magnitude + 1);
  return { score, label: labelFor(score), terms };
}
