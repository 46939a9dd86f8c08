// Words the quiz shows about a question, a game or a place, shared by the phases.
import type { GameState, Question } from './types.ts';

export function modeLabel({ settings: { mode, timer } }: GameState): string {
  if (mode === 'untimed') return 'Untimed';
  if (mode === 'practice') return 'Practice, no points';
  if (mode === 'extended') return `Extended time · ${timer * 2} s`;
  return `${timer} s per question`;
}

export function kindLabel(q: Question): string {
  switch (q.type) {
    case 'quiz':
      return q.correct.length > 1 ? 'Pick all that apply' : 'Pick one';
    case 'true-false':
      return 'True or false';
    case 'type-answer':
      return 'Type the answer';
    case 'puzzle':
      return 'Put in order';
    case 'slider':
      return 'Pick a number';
  }
}

export function rightAnswerText(q: Question): string {
  switch (q.type) {
    case 'quiz':
      return q.correct.map((i) => q.options[i]).join(', ');
    case 'true-false':
      return q.answer ? 'True' : 'False';
    case 'type-answer':
      return q.accepted.length > 1 ? `${q.accepted[0]} (also accepted: ${q.accepted.slice(1).join(', ')})` : q.accepted[0]!;
    case 'puzzle':
      return q.items.map((item, i) => `${i + 1}. ${item}`).join('  ');
    case 'slider':
      return `${q.answer}${q.unit ? ` ${q.unit}` : ''}${q.tolerance ? ` (±${q.tolerance} counts)` : ''}`;
  }
}

export function ordinal(rank: number): string {
  return rank === 1 ? '1st' : rank === 2 ? '2nd' : rank === 3 ? '3rd' : `${rank}th`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
