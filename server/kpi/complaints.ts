import { NEGATIVE_TERMS } from "../features";

// Longest terms first, so "waste of time" is counted once rather than also as "waste".
const TERMS = Object.keys(NEGATIVE_TERMS).sort((a, b) => b.length - a.length);

/**
 * The most frequent complaint words across reviews: negative lexicon terms, each span of text
 * counted once (a longer term consumes the shorter terms inside it). English matches whole words.
 */
export function complaintWords(reviews: readonly string[], top = 8): Array<{ word: string; count: number }> {
  const counts = new Map<string, number>();
  for (const review of reviews) {
    let text = ` ${review.toLowerCase()} `;
    for (const term of TERMS) {
      const english = /^[a-z' ]+$/.test(term);
      const pattern = english ? new RegExp(`(?<![a-z])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z])`, "g") : new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
      const matches = text.match(pattern);
      if (!matches) continue;
      counts.set(term, (counts.get(term) ?? 0) + matches.length);
      text = text.replace(pattern, " | ");
    }
  }
  return [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word)).slice(0, top);
}
