// Leitner boxes for the review mode: missed questions come back often, known ones less and less.
import type { Box, LeitnerBoxes, LeitnerCard } from './types.ts';
import { STORAGE_VERSION } from './schema.ts';

const DAY = 24 * 60 * 60 * 1000;

/** How long a question waits after landing in each box. */
export const BOX_INTERVALS: Record<Box, number> = { 1: 0, 2: DAY, 3: 3 * DAY, 4: 7 * DAY, 5: 14 * DAY };

export interface Progress {
  /** Never missed, so never boxed. */
  new: number;
  /** In boxes 1 to 4. */
  learning: number;
  /** In box 5. */
  mastered: number;
}

export function emptyBoxes(): LeitnerBoxes {
  return { version: STORAGE_VERSION, cards: {} };
}

export function cardOf(boxes: LeitnerBoxes, id: string): LeitnerCard | undefined {
  return Object.hasOwn(boxes.cards, id) ? boxes.cards[id] : undefined;
}

/** A review answer: wrong sends the question to box 1, due at once; right moves it up a box (a new one to box 2). */
export function recordResult(boxes: LeitnerBoxes, id: string, correct: boolean, now: number): LeitnerBoxes {
  const from = cardOf(boxes, id)?.box ?? 1;
  const box: Box = correct ? (Math.min(from + 1, 5) as Box) : 1;
  return { ...boxes, cards: { ...boxes.cards, [id]: { box, due: now + BOX_INTERVALS[box] } } };
}

/** An answer in any game: a miss enters box 1; a right answer moves only questions already boxed. */
export function recordAnswer(boxes: LeitnerBoxes, id: string, correct: boolean, now: number): LeitnerBoxes {
  return correct && !cardOf(boxes, id) ? boxes : recordResult(boxes, id, correct, now);
}

/** The questions due at `now`: box 1 first, then lower boxes, then the longest overdue. */
export function dueQuestions(boxes: LeitnerBoxes, now: number): string[] {
  return Object.entries(boxes.cards)
    .filter(([, card]) => card.due <= now)
    .sort(([a, x], [b, y]) => x.box - y.box || x.due - y.due || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id]) => id);
}

export function progress(boxes: LeitnerBoxes, questionIds: readonly string[]): Progress {
  const counts: Progress = { new: 0, learning: 0, mastered: 0 };
  for (const id of questionIds) {
    const box = cardOf(boxes, id)?.box;
    if (box === undefined) counts.new++;
    else if (box === 5) counts.mastered++;
    else counts.learning++;
  }
  return counts;
}

/** Forget the given questions (a session's, a category's), or all of them. */
export function reset(boxes: LeitnerBoxes, questionIds?: readonly string[]): LeitnerBoxes {
  if (questionIds === undefined) return emptyBoxes();
  const forget = new Set(questionIds);
  return { ...boxes, cards: Object.fromEntries(Object.entries(boxes.cards).filter(([id]) => !forget.has(id))) };
}
