// What a player is shown of a dealt question: the controls' input, never the right answer. A puzzle starts from
// a shuffle seeded by the deal id, so a reload shows the same order; a slider starts in the middle, which says nothing.
import { mulberry32, shuffle } from '../quiz/random.ts';
import type { AskedQuestion } from '../quiz/phases/inputs.ts';
import type { Question } from '../quiz/types.ts';

export function askOf(q: Question, deal: string): AskedQuestion {
  switch (q.type) {
    case 'quiz':
      return { type: 'quiz', options: q.options, multiple: q.correct.length > 1 };
    case 'true-false':
    case 'type-answer':
      return { type: q.type };
    case 'puzzle': {
      const places = q.items.map((_, i) => i);
      let start = shuffle(places, mulberry32(parseInt(deal.slice(0, 8), 16)));
      // Never dealt already solved.
      if (start.every((item, place) => item === place)) start = [...start.slice(1), start[0]!];
      return { type: 'puzzle', items: q.items, start };
    }
    case 'slider': {
      const middle = q.min + Math.round((q.max - q.min) / 2 / q.step) * q.step;
      return { type: 'slider', min: q.min, max: q.max, step: q.step, unit: q.unit, start: middle };
    }
  }
}
