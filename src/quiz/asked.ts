// What a player may see of a question while answering, once for solo play, a live game's wire and a phone: the
// controls' needs and nothing that makes an answer right. A puzzle travels in its dealt order (the right order never
// leaves the host); a slider's starting point is chosen away from the answer in solo play, and on a phone (which
// cannot know the answer) it is the middle of the range.
import type { Ask } from '../live/protocol.ts';
import { sliderStart } from './scoring.ts';
import type { Question, Round } from './types.ts';

/** What the answer controls need of a question. */
export type AskedQuestion =
  | { type: 'quiz'; options: string[]; multiple: boolean }
  | { type: 'true-false' }
  | { type: 'type-answer' }
  | { type: 'puzzle'; items: string[]; start: number[] }
  | { type: 'slider'; min: number; max: number; step: number; unit: string; start: number };

/** Solo play: the controls for a dealt round, the puzzle in its dealt order (indexes into the question's items). */
export function asked(q: Question, start: number[]): AskedQuestion {
  const ask = askOf({ question: q, start });
  if (q.type === 'puzzle') return { type: 'puzzle', items: q.items, start };
  if (q.type === 'slider') return { type: 'slider', min: q.min, max: q.max, step: q.step, unit: q.unit, start: sliderStart(q) };
  return controlsOf(ask);
}

/** A live game: what the host sends a phone for the open round. */
export function askOf({ question: q, start }: Round): Ask {
  switch (q.type) {
    case 'quiz':
      return { type: 'quiz', options: q.options, multiple: q.correct.length > 1 };
    case 'true-false':
    case 'type-answer':
      return { type: q.type };
    case 'puzzle':
      return { type: 'puzzle', items: start.map((i) => q.items[i]!) };
    case 'slider':
      return { type: 'slider', min: q.min, max: q.max, step: q.step, unit: q.unit };
  }
}

/** A phone: the controls for what the host sent. The puzzle's items are already in dealt order. */
export function controlsOf(ask: Ask): AskedQuestion {
  switch (ask.type) {
    case 'puzzle':
      return { type: 'puzzle', items: ask.items, start: ask.items.map((_, i) => i) };
    case 'slider': {
      const middle = ask.min + Math.round((ask.max - ask.min) / 2 / ask.step) * ask.step;
      return { ...ask, start: middle };
    }
    default:
      return ask;
  }
}
