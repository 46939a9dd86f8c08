// How search splits text into words, shared by the index step (the site's vocabulary) and the query side,
// so both agree on what a word is.

/** Lower-case words of a text: letters and digits; "single-digit" gives "single" and "digit". */
export function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Words that carry the shape of a question, not its subject: "how many read replicas does Aurora allow"
 * is a search for "read replicas aurora". Left out of the query, so they never stop a match.
 */
export const QUESTION_WORDS = new Set(
  (
    'a an the and or of in on at to for from by with about into as vs versus v compared compare comparison ' +
    'how many much what whats which who whom whose why when where is are was were be been being am ' +
    'do does did done can could should would will shall may might must ' +
    'i me my we our you your it its it s this that these those there their they them ' +
    'tell explain show give find mean means meaning allow allows allowed support supports supported ' +
    'get gets have has had any some much more most between than if not no yes please ' +
    'difference different differ exactly really also'
  ).split(/\s+/),
);

/** Suffixes that make one word of another ("replicas" and "replica"), for the vocabulary check. */
const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'es', 'ed', 'ers', 'er', 'ly', 's', 'y', 'e'];

/** A word's stem, roughly as an English stemmer would cut it: only to compare words, never shown. */
export function stemOf(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Edit distance with transpositions (optimal string alignment): "aroura" is 2 from "aurora". */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}
