// From what someone typed to what Pagefind is asked, in plain TypeScript (no DOM), so every rule is
// testable without a browser:
// - question words ("how many", "what is", "vs") are left out, so they never stop a match;
// - a name spelled another way (an alias in content: "ES", "Dynamo", "SparkQL") is searched as the
//   site spells it;
// - a word the site never uses makes the query find nothing, and a near miss of a site word or name
//   is offered instead ("aroura" → "Aurora"): Pagefind alone would match the longest prefix it
//   knows and return pages that merely contain "min." or "s.".
import { QUESTION_WORDS, editDistance, stemOf, wordsOf } from './words.ts';
import { SINCE } from './answers.ts';

/** What the index step writes beside Pagefind's bundle (vocabulary.json) and the search UI reads. */
export interface Vocabulary {
  /** Every word the index holds, with the number of pages and facts it stands in. */
  words: Record<string, number>;
  names: { display: string; url: string; kind: 'service' | 'term'; forms: string[] }[];
  thin: string[];
}

export interface Rewrite {
  from: string;
  to: string;
}

export interface ParsedQuery {
  /** The words Pagefind is asked for, in order. */
  terms: string[];
  /** Question words left out. */
  leftOut: string[];
  /** Other spellings searched as the site spells them. */
  rewrites: Rewrite[];
  /** Words no page or fact uses. */
  unknown: string[];
  /**
   * True when the query must find nothing: every word is unknown, or an unknown word is a near miss of
   * a site word (a slip worth correcting, not a word to leave out). Otherwise unknown words are left out.
   */
  nothing: boolean;
  /** The query with each unknown word replaced by its nearest site word, when every one has one. */
  suggestion?: string | undefined;
  /** Terms that may be left out when all of them together find nothing: plain words, not names. */
  droppable: string[];
  /** When the query is just a service's name: that service's page, which then comes first. */
  servicePage?: string | undefined;
  /** Every word typed, question words included ("vs", "replaced"): what the answer cards read. */
  words: string[];
  /** The services and terms the query names, in the order typed. */
  names: { display: string; url: string; kind: 'service' | 'term'; typed: string }[];
}

interface Name {
  display: string;
  url: string;
  kind: 'service' | 'term';
  words: string[];
}

/** The vocabulary, arranged for lookups. */
export class SiteWords {
  readonly frequency: Map<string, number>;
  private readonly sorted: string[];
  private readonly stems: Set<string>;
  /** Every spelling of every name, longest first, so "aurora global database" wins over "aurora". */
  private readonly forms: { words: string[]; name: Name }[];
  /** Single words of names, with how the name is written: "aurora" → "Aurora". */
  private readonly nameWords = new Map<string, string>();

  constructor(vocabulary: Vocabulary) {
    this.frequency = new Map(Object.entries(vocabulary.words));
    this.sorted = [...this.frequency.keys()].sort();
    this.stems = new Set(this.sorted.map(stemOf));
    this.forms = vocabulary.names
      .flatMap((n) => {
        const name: Name = { display: n.display, url: n.url, kind: n.kind, words: wordsOf(n.display) };
        return n.forms.map((form) => ({ words: form.split(' '), name }));
      })
      .sort((a, b) => b.words.length - a.words.length);
    for (const { words, name } of this.forms) {
      if (words.length === 1 && !this.nameWords.has(words[0]!) && name.words.length === 1 && words[0] === name.words[0]) {
        this.nameWords.set(words[0]!, name.display);
      }
    }
  }

  /** The site uses this word, or a word it begins (someone still typing), or one with the same stem. */
  knows(word: string): boolean {
    if (this.frequency.has(word)) return true;
    const at = lowerBound(this.sorted, word);
    if (this.sorted[at]?.startsWith(word)) return true;
    return this.stems.has(stemOf(word));
  }

  /** The site word or name nearest to a word it does not know, if one is near enough to be a slip. */
  nearest(word: string): string | undefined {
    const limit = word.length <= 4 ? 1 : word.length <= 7 ? 2 : 3;
    let best: { text: string; distance: number; name: boolean; frequency: number } | undefined;
    for (const [candidate, frequency] of this.frequency) {
      const distance = editDistance(word, candidate, limit);
      if (distance > limit) continue;
      const name = this.nameWords.has(candidate);
      const better =
        !best ||
        distance < best.distance ||
        (distance === best.distance && name && !best.name) ||
        (distance === best.distance && name === best.name && frequency > best.frequency);
      if (better) best = { text: this.nameWords.get(candidate) ?? candidate, distance, name, frequency };
    }
    return best?.text;
  }

  /** The longest spelling of a name that starts at words[at]. */
  nameAt(words: string[], at: number): { length: number; name: Name } | undefined {
    for (const form of this.forms) {
      if (form.words.every((w, i) => words[at + i] === w)) return { length: form.words.length, name: form.name };
    }
    return undefined;
  }
}

function lowerBound(sorted: string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function parseQuery(raw: string, site: SiteWords): ParsedQuery {
  const words = wordsOf(raw);
  const terms: string[] = [];
  const names = new Set<string>();
  const leftOut: string[] = [];
  const rewrites: Rewrite[] = [];
  const unknown: string[] = [];
  const matched: (Name & { typed: string })[] = [];
  let plainWords = 0;

  for (let at = 0; at < words.length;) {
    const match = site.nameAt(words, at);
    if (match) {
      const typed = words.slice(at, at + match.length);
      // Another spelling the site never writes ("es", "dynamo") is searched as the site writes the name;
      // one it does write ("write quorum") is searched as typed.
      const searched = typed.every((w) => site.frequency.has(w)) ? typed : match.name.words;
      if (searched !== typed) rewrites.push({ from: typed.join(' '), to: match.name.display });
      for (const w of searched) {
        terms.push(w);
        names.add(w);
      }
      matched.push({ ...match.name, typed: typed.join(' ') });
      at += match.length;
      continue;
    }
    const word = words[at]!;
    at++;
    // "replaced", "renamed": the shape of a question about what changed since (answers.ts), never a word to
    // correct or to stop a match when no page uses it.
    if (QUESTION_WORDS.has(word) || (SINCE.has(word) && !site.knows(word))) {
      leftOut.push(word);
      continue;
    }
    plainWords++;
    terms.push(word);
    if (!site.knows(word)) unknown.push(word);
  }

  let suggestion: string | undefined;
  const nearest = unknown.map((w) => site.nearest(w));
  if (unknown.length && nearest.every(Boolean)) {
    suggestion = words.map((w) => nearest[unknown.indexOf(w)] ?? w).join(' ');
  }
  const known = terms.filter((t) => !unknown.includes(t));
  const nothing = known.length === 0 || nearest.some(Boolean);
  terms.splice(0, terms.length, ...known);

  const droppable = terms
    .filter((t) => !names.has(t))
    .sort((a, b) => (site.frequency.get(b) ?? 0) - (site.frequency.get(a) ?? 0));
  const only = matched.length === 1 && plainWords === 0 ? matched[0] : undefined;
  const servicePage = only?.kind === 'service' ? only.url : undefined;
  return {
    ...{ terms, leftOut, rewrites, unknown, nothing, suggestion, droppable, servicePage, words },
    names: matched.map(({ display, url, kind, typed }) => ({ display, url, kind, typed })),
  };
}
