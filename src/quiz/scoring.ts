// Kahoot's scoring as pure functions: points for a right answer and its speed, the streak bonus, what counts as right.
import type { Answer, PointsSetting, Question, Settings } from './types.ts';

/** An answer this fast earns the full points. */
export const FULL_POINTS_WITHIN_MS = 500;

/**
 * Untimed mode: there is no countdown, so there is no speed part either. A right answer earns the
 * question's full points (1000, 2000 on double points, 0 on no points) plus the usual streak bonus.
 */
export const UNTIMED_RULE =
  'No countdown in untimed mode: a right answer earns the full points of the question, however long you take, plus the answer streak bonus.';

/** Resume after a reload: shown when a question comes back after the page was reloaded. */
export const RESUME_RULE =
  'The page was reloaded during this question: it starts again with a full timer, and a right answer now scores half points, as if given at the last second.';

/** P: 1000 for standard, 2000 for double, 0 for no-points questions. */
export function basePoints(setting: PointsSetting): number {
  return setting === 'double' ? 2000 : setting === 'none' ? 0 : 1000;
}

/** The answering window in ms for this question (its own timer or the game's), or null when untimed (practice too). */
export function timeLimit(question: Question, settings: Settings): number | null {
  if (settings.mode === 'untimed' || settings.mode === 'practice') return null;
  const seconds = question.timer ?? settings.timer;
  return seconds * 1000 * (settings.mode === 'extended' ? 2 : 1);
}

/**
 * Kahoot's points: round(P × (1 − (t / T) / 2)), full P under 0.5 s, 0 when wrong.
 * `time` and `limit` in ms; a null limit is the untimed mode (full P, no speed part).
 */
export function answerPoints(setting: PointsSetting, correct: boolean, time: number, limit: number | null): number {
  if (!correct) return 0;
  const full = basePoints(setting);
  if (limit === null || time < FULL_POINTS_WITHIN_MS) return full;
  const t = Math.min(Math.max(time, 0), limit);
  return Math.round(full * (1 - t / limit / 2));
}

/** The answer streak bonus for the streak reached with this answer: 0, 100, 200 … capped at 500. */
export function streakBonus(streak: number): number {
  return streak < 2 ? 0 : Math.min(100 * (streak - 1), 500);
}

/**
 * Where a slider starts: the middle of its range, unless that is already inside the answer's tolerance;
 * then the nearest step outside it (below if the range allows, else above). A slider must never open on
 * its own right answer.
 */
export function sliderStart(q: Extract<Question, { type: 'slider' }>): number {
  const snap = (v: number) => q.min + Math.round((v - q.min) / q.step) * q.step;
  const middle = snap((q.min + q.max) / 2);
  const inside = (v: number) => Math.abs(v - q.answer) <= q.tolerance + 1e-9;
  if (!inside(middle)) return middle;
  const below = snap(q.answer - q.tolerance - q.step);
  const above = snap(q.answer + q.tolerance + q.step);
  for (const v of [below, below - q.step, above, above + q.step]) if (v >= q.min && v <= q.max && !inside(v)) return v;
  return middle;
}

/** For type-answer questions: ignore case, accents, spacing and punctuation. */
export function normaliseTypedAnswer(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether the answer has the right shape for the question (type, indexes in range); the reducer refuses others. */
export function answerFits(question: Question, answer: Answer): boolean {
  switch (question.type) {
    case 'quiz':
      return (
        answer.type === 'quiz' &&
        answer.options.length > 0 &&
        new Set(answer.options).size === answer.options.length &&
        answer.options.every((i) => Number.isInteger(i) && i >= 0 && i < question.options.length)
      );
    case 'true-false':
      return answer.type === 'true-false' && typeof answer.value === 'boolean';
    case 'type-answer':
      return answer.type === 'type-answer' && typeof answer.text === 'string';
    case 'puzzle':
      return (
        answer.type === 'puzzle' &&
        answer.order.length === question.items.length &&
        question.items.every((_, i) => answer.order.includes(i))
      );
    case 'slider':
      return answer.type === 'slider' && Number.isFinite(answer.value);
  }
}

/**
 * Whether an answer is right. The rules:
 * - quiz: all and only the right options (a multi-select answer missing one, or with one extra, is wrong);
 * - type-answer: equal to an accepted spelling once both are normalised (normaliseTypedAnswer);
 * - puzzle: every item in its exact place, no partial credit;
 * - slider: within the question's tolerance of the answer, bounds included.
 */
export function isCorrect(question: Question, answer: Answer): boolean {
  if (!answerFits(question, answer)) return false;
  switch (question.type) {
    case 'quiz': {
      const picked = answer.type === 'quiz' ? answer.options : [];
      return picked.length === new Set(question.correct).size && picked.every((i) => question.correct.includes(i));
    }
    case 'true-false':
      return answer.type === 'true-false' && answer.value === question.answer;
    case 'type-answer': {
      const typed = answer.type === 'type-answer' ? normaliseTypedAnswer(answer.text) : '';
      return typed !== '' && question.accepted.some((spelling) => normaliseTypedAnswer(spelling) === typed);
    }
    case 'puzzle':
      return answer.type === 'puzzle' && answer.order.every((item, place) => item === place);
    case 'slider':
      // The epsilon keeps 0.1 + 0.2 within a tolerance of 0.3.
      return answer.type === 'slider' && Math.abs(answer.value - question.answer) <= question.tolerance + 1e-9;
  }
}

/** One player's answer to one question, scored: what the solo engine and a live game both record. */
export interface Scored {
  correct: boolean;
  points: number;
  bonus: number;
  /** The streak after this answer. */
  streak: number;
}

/**
 * Score an answer (null: the time ran out) given `time` ms after the answers opened, with the player's streak
 * before it. A no-points question neither builds nor breaks the streak; `scored` false (practice) gives no points.
 */
export function scoreAnswer(
  question: Question,
  given: Answer | null,
  time: number,
  limit: number | null,
  streakBefore: number,
  scored = true,
): Scored {
  const correct = given !== null && isCorrect(question, given);
  const counts = scored && question.points !== 'none';
  const streak = question.points === 'none' ? streakBefore : correct ? streakBefore + 1 : 0;
  return {
    correct,
    points: counts ? answerPoints(question.points, correct, time, limit) : 0,
    bonus: counts && correct ? streakBonus(streak) : 0,
    streak,
  };
}

/** Rank by score, highest first; ties share a rank (1, 1, 3). */
export function ranked<T extends { score: number }>(entries: readonly T[]): (T & { rank: number })[] {
  const sorted = [...entries].sort((a, b) => b.score - a.score);
  // Sorted, a rank is one more than the place of the first entry with the same score: one pass, not one per entry.
  let rank = 1;
  return sorted.map((entry, i) => {
    if (i > 0 && entry.score < sorted[i - 1]!.score) rank = i + 1;
    return { ...entry, rank };
  });
}
