// The quiz bank as an Anki deck: one note per question, written as Anki's text import with file headers
// (tab-separated, HTML fields, a GUID column so a newer deck updates notes instead of duplicating them).
// An .apkg would need a SQLite writer; no well-kept library makes one in Node, and the text import is
// what Anki documents for decks made by other tools.
import { stringify } from 'csv-stringify/sync';
import type { Question } from '../quiz/types.ts';

export const DECK_NAME = 'Database Week';

/** One Anki note: the columns of the deck, in order. */
export interface Card {
  /** Stable across builds: the question's id, so a re-import updates the note. */
  guid: string;
  front: string;
  back: string;
  /** Absolute URL of the section of the notes the question cites. */
  source: string;
  /** Anki tags: no spaces inside one; "::" makes a hierarchy. */
  tags: string[];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const list = (tag: 'ol' | 'ul', items: string[], type?: string) =>
  `<${tag}${type ? ` type="${type}"` : ''}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;

/** What the front of the card asks, per question type: the prompt and what the player has to choose from. */
function front(q: Question): string {
  const prompt = `<p>${escapeHtml(q.prompt)}</p>`;
  switch (q.type) {
    case 'quiz':
      return prompt + list('ol', q.options, 'A') + (q.correct.length > 1 ? '<p><i>More than one is right.</i></p>' : '');
    case 'true-false':
      return `<p><i>True or false?</i></p>${prompt}`;
    case 'type-answer':
      return `${prompt}<p><i>Type the answer.</i></p>`;
    case 'puzzle':
      // The items in alphabetical order: a fixed order that does not give the answer away.
      return `${prompt}<p><i>Put these in order:</i></p>${list(
        'ul',
        [...q.items].sort((a, b) => a.localeCompare(b)),
      )}`;
    case 'slider':
      return `${prompt}<p><i>A number from ${q.min} to ${q.max}${q.unit ? ` (${escapeHtml(q.unit)})` : ''}.</i></p>`;
  }
}

/** The right answer in words, per question type. */
export function answerText(q: Question): string {
  switch (q.type) {
    case 'quiz':
      return q.correct.map((i) => `${String.fromCharCode(65 + i)}. ${q.options[i]}`).join('; ');
    case 'true-false':
      return q.answer ? 'True' : 'False';
    case 'type-answer':
      return q.accepted[0]!;
    case 'puzzle':
      return q.items.join(' → ');
    case 'slider':
      return `${q.answer}${q.unit ? ` ${q.unit}` : ''}${q.tolerance ? ` (± ${q.tolerance})` : ''}`;
  }
}

function back(q: Question, source: string): string {
  const answer = q.type === 'puzzle' ? list('ol', q.items) : `<p><b>${escapeHtml(answerText(q))}</b></p>`;
  return (
    answer +
    `<p>${escapeHtml(q.explanation)}</p>` +
    `<p>Source: <a href="${escapeHtml(source)}">${escapeHtml(q.sourceLabel ?? 'the notes')}</a></p>`
  );
}

export function cardOf(q: Question, source: string, categories: string[]): Card {
  return {
    guid: `database-week:${q.id}`,
    front: front(q),
    back: back(q, source),
    source,
    tags: ['database-week', `session::${q.session}`, `type::${q.type}`, ...categories.map((c) => `category::${c}`)],
  };
}

export const DECK_COLUMNS = ['GUID', 'Front', 'Back', 'Source', 'Tags'] as const;

/** The deck file: Anki's file headers, then one tab-separated line per card (quoted only where a field needs it). */
export function deckFile(cards: Card[]): string {
  const headers = [
    '#separator:tab',
    '#html:true',
    '#notetype:Basic',
    `#deck:${DECK_NAME}`,
    `#columns:${DECK_COLUMNS.join('\t')}`,
    '#guid column:1',
    '#tags column:5',
  ];
  const rows = cards.map((c) => [c.guid, c.front, c.back, c.source, c.tags.join(' ')]);
  return `${headers.join('\n')}\n${stringify(rows, { delimiter: '\t', record_delimiter: 'unix' })}`;
}
