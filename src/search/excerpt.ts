// Excerpts that read: Pagefind's excerpt of a section starts with the section's own heading, which the
// result already shows as its link; and a fact's statement gets the searched words marked.
import { stemOf, wordsOf } from './words.ts';

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/**
 * Pagefind's excerpt HTML without the heading it repeats at its start. The excerpt is text with
 * <mark> elements; it is cut at a space, so marks stay whole.
 */
export function withoutHeading(excerpt: string, heading: string): string {
  const want = wordsOf(heading);
  if (!want.length) return excerpt;
  const pieces = excerpt.split(' ');
  let taken = 0;
  let matched = 0;
  while (taken < pieces.length && matched < want.length) {
    const got = wordsOf(plain(pieces[taken]!));
    if (got.length === 0) {
      taken++;
      continue;
    }
    if (!got.every((w, i) => want[matched + i] === w)) break;
    matched += got.length;
    taken++;
  }
  return matched === want.length ? pieces.slice(taken).join(' ') : excerpt;
}

/** A statement as text pieces, each marked or not: a word is marked when it begins with a searched term or shares its stem. */
export function markTerms(text: string, terms: string[]): { text: string; mark: boolean }[] {
  const wanted = terms.map((t) => ({ term: t, stem: stemOf(t) }));
  const pieces: { text: string; mark: boolean }[] = [];
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    if (!part) continue;
    const word = wordsOf(part)[0];
    const mark = Boolean(word && wanted.some(({ term, stem }) => word.startsWith(term) || stemOf(word) === stem));
    const last = pieces.at(-1);
    if (last && last.mark === mark) last.text += part;
    else pieces.push({ text: part, mark });
  }
  return pieces;
}
