// The challenge API's contract, shared by the browser and the server: every request body as a zod schema (the
// server parses with them, the browser builds its requests from their types), the screens the server sends a
// player, the report it sends a lead, and the limits both sides hold to. zod/mini keeps the pages small.
import * as z from 'zod/mini';
import { answer, question, TIMERS, type Answer, type Question } from '../quiz/schema.ts';
import type { AskedQuestion } from '../quiz/asked.ts';

/** Where the API lives on the site's own server. */
export const API = '/api/challenges';
/** Six digits, as a live game's PIN (the two are told apart by the page they are typed into). */
export const PIN = /^\d{6}$/;
/** The largest request body the server reads; an answer is far below it. */
export const MAX_BODY_BYTES = 4096;
export const MAX_QUESTIONS = 50;
/** The question alone before its answers open, as Kahoot shows it; part of the deal the server stamps. */
export const PREVIEW_MS = 3000;
/** An answer that arrives this long after the timer ran out still counts (as given at the last moment): a slow network. */
export const GRACE_MS = 2000;
/** A deadline must be at least this far ahead, and at most a year. */
export const MIN_DEADLINE_MS = 60_000;
export const MAX_DEADLINE_MS = 366 * 24 * 3600_000;
/** Default days a challenge is kept after its deadline; CHALLENGE_RETENTION_DAYS on the server changes it. */
export const DEFAULT_RETENTION_DAYS = 90;

const token = z.string().check(z.regex(/^[A-Za-z0-9_-]{32}$/, 'not a token this server gave out'));

/** A lead assigns a challenge. */
export const createChallenge = z.strictObject({
  /** A pack id from the quiz: 'all', a session id, 'category:<id>' or 'service:<id>'. */
  pack: z.string().check(z.regex(/^[a-z0-9:-]{1,80}$/, 'not a pack id')),
  /** How many of the pack's questions; 'all' for every one (at most MAX_QUESTIONS). */
  count: z.union([z.literal('all'), z.int().check(z.minimum(1), z.maximum(MAX_QUESTIONS))]),
  /** Seconds per question unless a question has its own timer. */
  timer: z.literal(TIMERS),
  /** When answers stop being taken, ms since 1970. */
  deadline: z.int().check(z.positive()),
});

/** A player names themselves (the nickname rules are the live games': src/quiz/nickname.ts). */
export const joinChallenge = z.strictObject({ nickname: z.string().check(z.maxLength(200)) });

/** "Where am I?" and "deal me the next question": only the player's token. */
export const playerRequest = z.strictObject({ token });

/** An answer to the question dealt as `deal`; the deal id makes a retried submission count once. */
export const answerRequest = z.strictObject({
  token,
  deal: z.string().check(z.regex(/^[0-9a-f-]{36}$/, 'not a deal id')),
  answer,
});

export type CreateChallenge = z.output<typeof createChallenge>;
export type JoinChallenge = z.output<typeof joinChallenge>;
export type PlayerRequest = z.output<typeof playerRequest>;
export type AnswerRequest = z.output<typeof answerRequest>;

export type ChallengeState = 'open' | 'closed' | 'expired';

/** What anyone with the PIN may know about a challenge. */
export interface ChallengeInfo {
  pin: string;
  packLabel: string;
  questions: number;
  timer: number;
  deadline: number;
  state: ChallengeState;
}

export interface Created {
  pin: string;
  /** Shown once to the lead; the server keeps only its hash. */
  reportToken: string;
  questions: number;
  deadline: number;
}

export interface Joined {
  token: string;
  nickname: string;
}

export interface Standing {
  rank: number;
  nickname: string;
  score: number;
  correct: number;
  answered: number;
  you: boolean;
}

/** What the server shows a player: it decides, the page draws. Times are relative (ms from now), so clocks need not agree. */
export type Screen =
  | { type: 'ready'; round: number; total: number; score: number }
  | {
      type: 'question';
      deal: string;
      round: number;
      total: number;
      prompt: string;
      kind: string;
      points: Question['points'];
      ask: AskedQuestion;
      limitMs: number;
      /** Until the answers open (0 once they are). */
      opensInMs: number;
      /** Until the time runs out. */
      endsInMs: number;
    }
  | {
      type: 'result';
      round: number;
      total: number;
      /** The whole question, explanation and source included: it is answered now. */
      question: Question;
      answer: Answer | null;
      correct: boolean;
      points: number;
      bonus: number;
      score: number;
      streak: number;
      /** The answer reached the server after the time (and its grace) ran out: it counts as a time-up. */
      late?: boolean;
    }
  | { type: 'finished'; score: number; correct: number; total: number; standings: Standing[] }
  | { type: 'over'; reason: 'closed' | 'expired'; score: number; correct: number; total: number; standings: Standing[] };

export interface ReportPlayer {
  nickname: string;
  joinedAt: number;
  /** When their last answer (or time-up) was stored; null before any. */
  lastAt: number | null;
  score: number;
  correct: number;
  answered: number;
  finished: boolean;
}

export interface ReportQuestion {
  round: number;
  id: string;
  prompt: string;
  rightAnswer: string;
  sourceHref: string;
  sourceLabel: string;
  /** Players who answered it or ran out of time. */
  answered: number;
  right: number;
  /** right / answered, 0 when nobody has. */
  rightShare: number;
  /** The wrong answer given most often (a time-up is not an answer), and how many gave it. */
  commonWrong: { answer: string; count: number } | null;
}

export interface ReportAnswer {
  nickname: string;
  round: number;
  questionId: string;
  /** The answer as text; empty when the time ran out. */
  answer: string;
  correct: boolean;
  points: number;
  bonus: number;
  /** From the answers opening to the answer reaching the server; null when the time ran out. */
  timeMs: number | null;
  at: number;
}

export interface Report {
  challenge: ChallengeInfo & { pack: string; createdAt: number; closedAt: number | null; expiresAt: number };
  players: ReportPlayer[];
  questions: ReportQuestion[];
  answers: ReportAnswer[];
}

/** Every refusal: a code for programs, a sentence for people, and the field when one is to blame. */
export interface Refusal {
  error: string;
  message: string;
  field?: string;
}

/** The bank's questions as the server reads them from the build (dist/quiz/challenge/bank.json). */
export const serverBank = z.object({
  questions: z.array(question),
  packs: z.array(z.object({ id: z.string(), label: z.string(), questionIds: z.array(z.string()) })),
});
export type ServerBank = z.output<typeof serverBank>;
