// What a challenge player is shown of a dealt question: the solo stage's controls (src/quiz/asked.ts), never the
// right answer. A puzzle starts from a shuffle seeded by the deal id, so a reload shows the same order.
import { asked, type AskedQuestion } from '../quiz/asked.ts';
import { mulberry32, shuffle } from '../quiz/random.ts';
import type { Question } from '../quiz/types.ts';

export function askOf(q: Question, deal: string): AskedQuestion {
  if (q.type !== 'puzzle') return asked(q, []);
  let start = shuffle(
    q.items.map((_, i) => i),
    mulberry32(parseInt(deal.slice(0, 8), 16)),
  );
  // Never dealt already solved.
  if (start.every((item, place) => item === place)) start = [...start.slice(1), start[0]!];
  return asked(q, start);
}
