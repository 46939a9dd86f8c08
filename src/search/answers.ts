// Answers that stand above the search results, in plain TypeScript (no DOM): a comparison when a query
// names two services or terms ("dms vs sct", "difference between a and b"), and the since-then note when
// a query asks what replaced, renamed or ended something. The data comes from the content collections at
// build time (records.ts → /search-answers.json); the query is read by query.ts. Nothing here searches
// text: the names are those the query already matched, the facts those the content tags with them.
import { stemOf, wordsOf } from './words.ts';

/** A fact as an answer card shows it. */
export interface AnswerFact {
  id: string;
  statement: string;
  voice: string;
  voiceLabel: string;
  /** "Session › Section". */
  source: string;
  /** Its section on the session page. */
  href: string;
  topic: string;
  figure?: string | undefined;
  /** URLs of the services and glossary terms the fact is about: the names a query can match. */
  about: string[];
}

export interface AnswerSince {
  id: string;
  title: string;
  /** YYYY-MM-DD, and the same date in words. */
  date: string;
  dateText: string;
  change: string;
  source: string;
  /** The note on /since/. */
  href: string;
  /** URLs of the services it concerns. */
  about: string[];
  /** A rename: the name today, as words (e.g. ["amazon", "opensearch", "service"]). */
  now?: string[] | undefined;
}

/** What /search-answers.json holds. */
export interface AnswersData {
  facts: AnswerFact[];
  since: AnswerSince[];
}

export interface NameRef {
  display: string;
  url: string;
  kind: 'service' | 'term';
}

export interface Comparison {
  a: NameRef;
  b: NameRef;
  /** Facts about both that set one against the other ("different from", "than", "in RDS …; in Aurora …"). */
  compared: AnswerFact[];
  /** Facts about both that do not contrast them: said together, not compared. */
  together: AnswerFact[];
  /** The first facts about each one alone, and how many there are in all. */
  sides: { name: NameRef; facts: AnswerFact[]; total: number }[];
}

/** Words in a query that make two names a comparison. */
const COMPARE = new Set([
  'vs',
  'versus',
  'v',
  'or',
  'difference',
  'differences',
  'different',
  'differ',
  'compare',
  'compared',
  'comparison',
  'between',
  'against',
]);
/** Words that ask what became of something since the event. */
export const SINCE = new Set(
  (
    'replaced replace replaces replacement renamed rename renames named called now today still ' +
    'ended end ends ending discontinued discontinue retired retire deprecated deprecate successor happened ' +
    'exist exists available gone dead killed shut sunset since changed'
  ).split(' '),
);

/** A fact that sets one thing against another, not just names both. */
const CONTRAST = /\b(than|different|differs?|unlike|whereas|while|instead|rather|separate|versus|vs|compared?)\b|;/i;

const SIDE_FACTS = 3;

/**
 * Whether a query may call for a card, before its data is fetched: two names and a comparing word, a word
 * asking what became of something, or a name typed as another of its names ("opensearch", "blockchain").
 */
export function mayAnswer(words: string[], names: (NameRef & { typed?: string })[]): boolean {
  const twoNames = new Set(names.map((n) => n.url)).size >= 2 && words.some((w) => COMPARE.has(w));
  const otherName = names.some((n) => n.typed !== undefined && !` ${wordsOf(n.display).join(' ')} `.includes(` ${n.typed} `));
  return twoNames || (names.length > 0 && words.some((w) => SINCE.has(w))) || otherName;
}

/** Two distinct names and a word that compares them. */
export function comparisonOf(words: string[], names: NameRef[], data: AnswersData): Comparison | undefined {
  const distinct = [...new Map(names.map((n) => [n.url, n])).values()];
  if (distinct.length !== 2 || !words.some((w) => COMPARE.has(w))) return undefined;
  const [a, b] = distinct as [NameRef, NameRef];
  const about = (f: AnswerFact, n: NameRef) => f.about.includes(n.url);
  const both = data.facts.filter((f) => about(f, a) && about(f, b));
  // The query's other words ("performance", "cost") pick which facts of each side come first.
  const nameWords = new Set(distinct.flatMap((n) => wordsOf(n.display)));
  const wanted = words.filter((w) => !COMPARE.has(w) && !nameWords.has(w)).map(stemOf);
  const score = (f: AnswerFact) => {
    const stems = new Set(wordsOf(f.statement).map(stemOf));
    return wanted.filter((w) => stems.has(w)).length * 10 + (f.topic === 'overview' ? 3 : 0) + (f.figure ? 1 : 0);
  };
  const sides = [a, b].map((name) => {
    const alone = data.facts.filter((f) => about(f, name) && !both.includes(f));
    const ranked = alone
      .map((f, i) => ({ f, i, s: score(f) }))
      .sort((x, y) => y.s - x.s || x.i - y.i)
      .map(({ f }) => f);
    return { name, facts: ranked.slice(0, SIDE_FACTS), total: alone.length + both.length };
  });
  return {
    a,
    b,
    compared: both.filter((f) => CONTRAST.test(f.statement)),
    together: both.filter((f) => !CONTRAST.test(f.statement)),
    sides,
  };
}

/**
 * The since-then notes a query asks for: a word such as "replaced", "renamed" or "ended" with a service
 * that has notes, or the name a renamed service carries today ("opensearch").
 */
export function sinceOf(words: string[], names: NameRef[], data: AnswersData): AnswerSince[] {
  const asks = words.some((w) => SINCE.has(w));
  const urls = new Set(names.map((n) => n.url));
  const typed = ` ${words.join(' ')} `;
  // The name of today, by its first word of its own ("opensearch" in "Amazon OpenSearch Service").
  const todayName = (note: AnswerSince) => {
    const own = note.now?.find((w) => w !== 'amazon' && w !== 'aws');
    return own !== undefined && typed.includes(` ${own} `);
  };
  // Among several notes on one service, those sharing most of the query's words come first ("64 tb" → storage).
  const stems = new Set(words.map(stemOf));
  const shared = (note: AnswerSince) =>
    new Set(
      wordsOf(`${note.title} ${note.change}`)
        .map(stemOf)
        .filter((s) => stems.has(s)),
    ).size;
  return data.since
    .filter((note) => todayName(note) || (asks && note.about.some((u) => urls.has(u))))
    .map((note, i) => ({ note, i, n: shared(note) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map(({ note }) => note);
}
