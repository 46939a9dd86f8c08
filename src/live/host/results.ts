// What the host keeps after a live game: a row per player and question, a row per player, each question's share
// of right answers (CSV and JSON, built from the game model alone), and the hardest questions to teach again.
import { rightAnswerText } from '../../quiz/labels.ts';
import type { Answer, Question } from '../../quiz/types.ts';
import { standings, type LiveGame } from '../game.ts';

export interface AnswerRow {
  nickname: string;
  question: number;
  prompt: string;
  /** The answer as the host would read it out; '' when none was given (or the player had not joined yet). */
  answer: string;
  correct: boolean;
  /** ms from the answers opening; null without an answer. */
  timeMs: number | null;
  points: number;
  streak: number;
  /** The round was gone before the player joined. */
  late: boolean;
}

export interface PlayerRow {
  nickname: string;
  rank: number;
  score: number;
  right: number;
}

export interface QuestionRow {
  question: number;
  prompt: string;
  /** Right answers over the players asked it, 0 to 1; null when nobody was asked. */
  shareRight: number | null;
  sourceHref: string;
}

function answerText(q: Question, a: Answer | null): string {
  if (!a) return '';
  switch (a.type) {
    case 'quiz':
      return q.type === 'quiz' ? a.options.map((i) => q.options[i] ?? '?').join(' + ') : '';
    case 'true-false':
      return a.value ? 'True' : 'False';
    case 'type-answer':
      return a.text;
    case 'slider':
      return String(a.value);
    case 'puzzle':
      return q.type === 'puzzle' ? a.order.map((i) => q.items[i] ?? '?').join(' → ') : '';
  }
}

export function answerRows(game: LiveGame): AnswerRow[] {
  return game.players.flatMap((p) => {
    let streak = 0;
    return game.rounds.flatMap((round, n) => {
      const r = p.results[n];
      if (!r) return [];
      // The streak as it stood after this answer: a questions without points leaves it as it was.
      if (round.question.points !== 'none') streak = r.correct ? streak + 1 : 0;
      return [
        {
          nickname: p.nickname,
          question: n + 1,
          prompt: round.question.prompt,
          answer: answerText(round.question, r.answer),
          correct: r.correct,
          timeMs: r.time,
          points: r.points + r.bonus,
          streak,
          late: r.late === true,
        },
      ];
    });
  });
}

export const playerRows = (game: LiveGame): PlayerRow[] =>
  standings(game).map((s) => ({ nickname: s.nickname, rank: s.rank, score: s.score, right: s.correctCount }));

export function questionRows(game: LiveGame): QuestionRow[] {
  return game.rounds.flatMap((round, n) => {
    const asked = game.players.map((p) => p.results[n]).filter((r) => r && !r.late);
    if (!game.players.some((p) => p.results[n])) return []; // not played (yet)
    return [
      {
        question: n + 1,
        prompt: round.question.prompt,
        shareRight: asked.length ? asked.filter((r) => r!.correct).length / asked.length : null,
        sourceHref: round.question.sourceHref,
      },
    ];
  });
}

/** The questions the room found hardest: the lowest share right first (ties in the order they were asked). */
export const hardest = (game: LiveGame, count = 3): QuestionRow[] =>
  questionRows(game)
    .filter((q) => q.shareRight !== null && q.shareRight < 1)
    .sort((a, b) => a.shareRight! - b.shareRight! || a.question - b.question)
    .slice(0, count);

const cell = (value: string | number | boolean | null) => {
  const text = value === null ? '' : String(value);
  // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. A leading =, +, - or @ would
  // be read as a formula by a spreadsheet: a quote mark in front keeps a nickname a nickname.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const lines = (rows: (string | number | boolean | null)[][]) => rows.map((r) => r.map(cell).join(',')).join('\r\n');

/**
 * One CSV, a row per player and question: the table a spreadsheet opens. Each row also carries the player's final
 * rank, score and right answers and the question's share of right answers, so one sheet sorts and filters by any.
 */
export function resultsCsv(game: LiveGame): string {
  const header = [
    'nickname',
    'question',
    'prompt',
    'answer',
    'right',
    'time_ms',
    'points',
    'streak',
    'joined_later',
    'final_rank',
    'final_score',
    'right_answers',
    'question_share_right',
  ];
  const players = new Map(playerRows(game).map((p) => [p.nickname, p]));
  const questions = new Map(questionRows(game).map((q) => [q.question, q]));
  const rows = answerRows(game).map((r) => {
    const player = players.get(r.nickname);
    const share = questions.get(r.question)?.shareRight;
    return [
      r.nickname,
      r.question,
      r.prompt,
      r.answer,
      r.correct,
      r.timeMs,
      r.points,
      r.streak,
      r.late,
      player?.rank ?? null,
      player?.score ?? null,
      player?.right ?? null,
      share === null || share === undefined ? null : Math.round(share * 1000) / 1000,
    ];
  });
  return `${lines([header, ...rows])}\r\n`;
}

/** Everything: answers, players and questions, with the right answer of each question. */
export function resultsJson(game: LiveGame): string {
  return JSON.stringify(
    {
      pin: game.pin,
      pack: game.options.pack,
      answers: answerRows(game),
      players: playerRows(game),
      questions: questionRows(game).map((q, n) => ({ ...q, rightAnswer: rightAnswerText(game.rounds[n]!.question) })),
    },
    null,
    2,
  );
}
