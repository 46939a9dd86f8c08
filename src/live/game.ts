// A live game as the host's browser holds it: the room's seats, the dealt rounds, the answers to the open question
// and every player's score. A model of its own, not the hot-seat engine's: everyone answers at once, and a question
// is settled by scoring each answer with the same rules as solo play (scoreAnswer). Pure functions of a state that
// has its own schema, so it is stored parsed and tested without a browser.
//
// Answer times are taken where the host receives them, not where the server does: the host's clock opened the
// question and runs its countdown, so measuring on the same clock needs no clock sync between machines, and the
// relay's delay (milliseconds on one network) is the same for every player.
import * as z from 'zod/mini';
import { askOf } from '../quiz/asked.ts';
import { dealRounds } from '../quiz/engine.ts';
import { answer as answerSchema, question as questionSchema, timer as timerSchema } from '../quiz/schema.ts';
import { answerFits, ranked, scoreAnswer, timeLimit } from '../quiz/scoring.ts';
import type { Answer, Mode, Question, Round } from '../quiz/types.ts';
import { seat as seatSchema, type Screen, type Seat } from './protocol.ts';

/**
 * lobby → starting (dealt, waiting for the server to freeze the seats) → get-ready (the question alone, no answers
 * yet) → question → reveal → leaderboard → get-ready … → podium.
 */
export const LIVE_PHASES = ['lobby', 'starting', 'get-ready', 'question', 'reveal', 'leaderboard', 'podium'] as const;
export type LivePhase = (typeof LIVE_PHASES)[number];
/** Live games are timed: a room waits for nobody. Practice has no points and so nothing to race for. */
export const LIVE_MODES = ['timed', 'extended'] as const satisfies readonly Mode[];
export const LEADERBOARD_SIZE = 5;
/** How long a question shows alone before its answers open, in seconds: Kahoot's is about five. */
export const GET_READY = { min: 0, max: 10, default: 5 } as const;

const count = z.int().check(z.minimum(0));

export const liveOptions = z.object({
  pack: z.string(),
  count: z.union([z.int().check(z.minimum(1)), z.literal('all')]),
  timer: timerSchema,
  mode: z.enum(LIVE_MODES),
  /** Show the answer texts on the phones (Kahoot can hide them: then only colours and shapes show there). */
  texts: z.boolean(),
  /** Seconds each question shows alone before the answers open (0: they open at once). */
  getReady: z.int().check(z.minimum(GET_READY.min), z.maximum(GET_READY.max)),
  /** Whether someone arriving after the start gets a seat (with 0 points, from the next question). */
  lateJoin: z.boolean(),
  /**
   * Shuffle each question's options for this game, so that the order on the phones does not follow the site's public
   * question bank. Games stored before the setting existed were shuffled: absent means on.
   */
  shuffleAnswers: z.optional(z.boolean()),
});
export type LiveOptions = z.infer<typeof liveOptions>;

const liveResult = z.object({
  /** null when the time ran out. */
  answer: z.nullable(answerSchema),
  correct: z.boolean(),
  points: count,
  bonus: count,
  /** ms from the answers opening; null when the time ran out. */
  time: z.nullable(count),
  /** The round was over (or under way) before this player joined: nothing was asked of them. */
  late: z.optional(z.literal(true)),
});
export type LiveResult = z.infer<typeof liveResult>;

const livePlayer = z.object({
  id: z.string(),
  nickname: z.string(),
  score: count,
  streak: count,
  bestStreak: count,
  correctCount: count,
  /** One per round settled, in order. */
  results: z.array(liveResult),
});
export type LivePlayer = z.infer<typeof livePlayer>;

const round = z.object({ question: questionSchema, start: z.array(count) });

export const liveGame = z.object({
  version: z.literal(1),
  pin: z.string(),
  hostToken: z.string(),
  join: z.string(),
  options: liveOptions,
  locked: z.boolean(),
  phase: z.enum(LIVE_PHASES),
  /** Everyone in the room, connected or away, in the order they joined. */
  seats: z.array(seatSchema),
  /** The game's players, frozen when the server acknowledged the start. */
  players: z.array(livePlayer),
  rounds: z.array(round),
  round: count,
  /** When the question began to show alone (get-ready), on the host's clock. */
  readyAt: z.nullable(z.number()),
  /** When the open question's answers opened, on the host's clock. */
  openedAt: z.nullable(z.number()),
  /** Answers to the open question, by seat id, with when the host received each. */
  answers: z.record(z.string(), z.object({ answer: answerSchema, at: z.number() })),
});
export type LiveGame = z.infer<typeof liveGame>;

export function newGame(pin: string, hostToken: string, join: string, options: LiveOptions): LiveGame {
  return {
    version: 1,
    pin,
    hostToken,
    join,
    options,
    locked: false,
    phase: 'lobby',
    seats: [],
    players: [],
    rounds: [],
    round: 0,
    readyAt: null,
    openedAt: null,
    answers: {},
  };
}

const newPlayer = (s: Seat): LivePlayer => ({
  id: s.id,
  nickname: s.nickname,
  score: 0,
  streak: 0,
  bestStreak: 0,
  correctCount: 0,
  results: [],
});

const LATE: LiveResult = { answer: null, correct: false, points: 0, bonus: 0, time: null, late: true };

/**
 * How many rounds are behind a player seated now: during get-ready the question has not been asked, so a latecomer
 * plays it; once its answers are open (or it is settled) they play from the next one.
 */
function roundsGone(game: LiveGame): number | null {
  switch (game.phase) {
    case 'get-ready':
      return game.round;
    case 'question':
    case 'reveal':
    case 'leaderboard':
      return game.round + 1;
    default:
      return null;
  }
}

/**
 * A seat arrives or changes (connected, away). After the start, a newcomer (the host allowing latecomers) becomes a
 * player with 0 points and a `late` result for each round already gone, so every round keeps one result per player.
 */
export function seat(game: LiveGame, arriving: Seat): LiveGame {
  const known = game.seats.some((s) => s.id === arriving.id);
  const seats = known ? game.seats.map((s) => (s.id === arriving.id ? arriving : s)) : [...game.seats, arriving];
  const gone = roundsGone(game);
  if (gone === null || !game.options.lateJoin || isPlayer(game, arriving.id)) return { ...game, seats };
  const latecomer = { ...newPlayer(arriving), results: Array.from({ length: gone }, () => LATE) };
  return { ...game, seats, players: [...game.players, latecomer] };
}

export function unseat(game: LiveGame, id: string): LiveGame {
  return {
    ...game,
    seats: game.seats.filter((s) => s.id !== id),
    players: game.players.filter((p) => p.id !== id),
  };
}

/** Deal the rounds; the game waits in 'starting' until the server freezes who plays (`started`). */
export function begin(game: LiveGame, questions: readonly Question[], seed: number): LiveGame {
  if (game.phase !== 'lobby' || game.seats.length === 0) return game;
  const count = game.options.count === 'all' ? undefined : game.options.count;
  const rounds = dealRounds(questions, seed, count, game.options.shuffleAnswers ?? true);
  if (rounds.length === 0) return game;
  return { ...game, phase: 'starting', rounds, round: 0 };
}

/**
 * The server has marked the room started and says who was in it then: those are the players, a seat that arrived
 * while the start was on its way included. The first question opens now, on the host's clock.
 */
export function started(game: LiveGame, seated: readonly Seat[], now: number): LiveGame {
  if (game.phase !== 'starting') return game;
  // Every seat as the server names it, one the host had not heard of yet at the end: as seating each in turn would,
  // in one pass (in turn, a room of 2,000 copied its seats 2,000 times).
  const named = new Map(seated.map((s) => [s.id, s]));
  const known = new Set(game.seats.map((s) => s.id));
  const seats = [...game.seats.map((s) => named.get(s.id) ?? s), ...[...named.values()].filter((s) => !known.has(s.id))];
  return ask({ ...game, seats, players: seated.map(newPlayer) }, 0, now);
}

/** The question of `round` shows: alone first when the host gives the room time to read it, else open at once. */
function ask(game: LiveGame, round: number, now: number): LiveGame {
  const asked = { ...game, round, answers: {} };
  return game.options.getReady > 0
    ? { ...asked, phase: 'get-ready', readyAt: now, openedAt: null }
    : { ...asked, phase: 'question', readyAt: null, openedAt: now };
}

/** When the get-ready screen gives way to the answers, on the host's clock. */
export function readyEndsAt(game: LiveGame): number | null {
  return game.phase === 'get-ready' && game.readyAt !== null ? game.readyAt + game.options.getReady * 1000 : null;
}

/** The answers open, on the host and (by the screens it sends) on every phone at once: speed counts from now. */
export function openAnswers(game: LiveGame, now: number): LiveGame {
  if (game.phase !== 'get-ready') return game;
  return { ...game, phase: 'question', openedAt: now, answers: {} };
}

const isPlayer = (game: LiveGame, id: string) => game.players.some((p) => p.id === id);

/** A player with a result for the open round already joined too late for it. */
const playsRound = (game: LiveGame, p: LivePlayer) => p.results.length <= game.round;

export const currentRound = (game: LiveGame): Round | undefined =>
  game.phase === 'lobby' || game.phase === 'starting' ? undefined : game.rounds[game.round];

export const question = (game: LiveGame): Question | undefined => currentRound(game)?.question;

/** The open question's answering window in ms. */
export function limitOf(game: LiveGame): number | null {
  const q = question(game);
  return q ? timeLimit(q, { timer: game.options.timer, mode: game.options.mode }) : null;
}

/** When the open question closes, on the host's clock. */
export function closesAt(game: LiveGame): number | null {
  const limit = limitOf(game);
  return game.phase === 'question' && game.openedAt !== null && limit !== null ? game.openedAt + limit : null;
}

/** An answer from a phone, stamped with the seat the server says it came from. Late, repeated or unfit ones are dropped. */
export function receive(game: LiveGame, from: string, round: number, given: Answer, at: number): LiveGame {
  const current = currentRound(game);
  const closes = closesAt(game);
  const player = game.players.find((p) => p.id === from);
  if (game.phase !== 'question' || !current || round !== game.round || game.answers[from] || !player) return game;
  if (!playsRound(game, player)) return game;
  if (closes !== null && at > closes) return game;
  // The phone ordered the puzzle's items as dealt; scoring wants the question's own item indexes.
  const answer: Answer =
    given.type === 'puzzle' ? { type: 'puzzle', order: given.order.map((i) => current.start[i] ?? -1) } : given;
  if (!answerFits(current.question, answer)) return game;
  return { ...game, answers: { ...game.answers, [from]: { answer, at } } };
}

export const answeredCount = (game: LiveGame) => Object.keys(game.answers).length;

/** Every player has answered: the reveal need not wait for the clock. (An away phone's answer may still come.) */
export const everyoneAnswered = (game: LiveGame) => game.players.every((p) => game.answers[p.id] || !playsRound(game, p));

/** How many players the open question is asked of (a latecomer seated during it waits for the next). */
export const askedCount = (game: LiveGame) => game.players.filter((p) => playsRound(game, p)).length;

/** Close the open question and score every player's answer at once. */
export function settle(game: LiveGame): LiveGame {
  const q = question(game);
  if (game.phase !== 'question' || game.openedAt === null || !q) return game;
  const limit = limitOf(game);
  const openedAt = game.openedAt;
  const players = game.players.map((player) => {
    if (!playsRound(game, player)) return player;
    const given = game.answers[player.id];
    const time = given ? Math.max(0, Math.round(given.at - openedAt)) : null;
    const scored = scoreAnswer(q, given?.answer ?? null, time ?? limit ?? 0, limit, player.streak);
    const result: LiveResult = {
      answer: given?.answer ?? null,
      correct: scored.correct,
      points: scored.points,
      bonus: scored.bonus,
      time,
    };
    return {
      ...player,
      score: player.score + scored.points + scored.bonus,
      streak: scored.streak,
      bestStreak: Math.max(player.bestStreak, scored.streak),
      correctCount: player.correctCount + (scored.correct ? 1 : 0),
      results: [...player.results, result],
    };
  });
  return { ...game, players, phase: 'reveal', openedAt: null };
}

/** A leaderboard needs someone to compare with: one player goes from the reveal to the next question. */
export const hasLeaderboard = (game: LiveGame) => game.players.length > 1;

/** From the reveal to the leaderboard, then to the next question or the podium. */
export function next(game: LiveGame, now: number): LiveGame {
  const last = game.round + 1 >= game.rounds.length;
  const onward = (): LiveGame => (last ? { ...game, phase: 'podium' } : ask(game, game.round + 1, now));
  if (game.phase === 'reveal') return hasLeaderboard(game) ? { ...game, phase: 'leaderboard' } : onward();
  if (game.phase === 'leaderboard') return onward();
  return game;
}

export type LiveStanding = LivePlayer & { rank: number };

/** Every player ranked by score (ties share a rank). */
export const standings = (game: LiveGame): LiveStanding[] => ranked(game.players);

/** How many picked each tile at the reveal (quiz), or [true, false] (true-false); empty otherwise. */
export function optionCounts(game: LiveGame): number[] {
  const q = question(game);
  if (!q) return [];
  const answers = game.players.flatMap((p) => p.results[game.round]?.answer ?? []);

  if (q.type === 'quiz') return q.options.map((_, i) => answers.filter((a) => a.type === 'quiz' && a.options.includes(i)).length);
  if (q.type === 'true-false')
    return [true, false].map((v) => answers.filter((a) => a.type === 'true-false' && a.value === v).length);
  return [];
}

/** A lookup by id: a plain search the first time (one phone's screen), a map once it is asked again (the room's). */
function byId<T extends { id: string }>(list: readonly T[]): (id: string) => T | undefined {
  let map: Map<string, T> | undefined;
  let asked = false;
  return (id) => {
    if (!asked) {
      asked = true;
      return list.find((x) => x.id === id);
    }
    return (map ??= new Map(list.map((x) => [x.id, x]))).get(id);
  };
}

/**
 * What each phone should show now, for the whole room at once: the lookups by id and the standings are built once,
 * on first need, so that sending 2,000 phones their screens costs one pass over the room, not one per phone.
 */
export function screensOf(game: LiveGame): (id: string) => Screen | undefined {
  let table: { at: Map<string, number>; rows: LiveStanding[] } | undefined;
  const seatOf = byId<Seat>(game.seats);
  const playerOf = byId<LivePlayer>(game.players);
  const standingOf = (id: string) => {
    table ??= (() => {
      const rows = standings(game);
      return { rows, at: new Map(rows.map((s, i) => [s.id, i])) };
    })();
    const i = table.at.get(id);
    return i === undefined ? undefined : { rows: table.rows, i };
  };
  const round = game.round;
  return (id) => {
    const seated = seatOf(id);
    if (!seated) return undefined;
    const waiting: Screen = { type: 'waiting', nickname: seated.nickname };
    switch (game.phase) {
      case 'lobby':
      case 'starting':
        return waiting;
      case 'get-ready': {
        const player = playerOf(id);
        if (!player || !playsRound(game, player)) return waiting;
        return { type: 'get-ready', round, total: game.rounds.length };
      }
      case 'question': {
        const current = currentRound(game)!;
        const player = playerOf(id);
        if (!player || !playsRound(game, player)) return waiting;
        if (game.answers[id]) return { type: 'answered', round };
        return {
          type: 'question',
          round,
          total: game.rounds.length,
          texts: game.options.texts,
          ...(game.options.texts && { prompt: current.question.prompt }),
          ask: askOf(current),
        };
      }
      case 'reveal':
      case 'leaderboard': {
        const found = standingOf(id);
        const mine = found?.rows[found.i];
        const result = mine?.results[round];
        if (!found || !mine || !result || result.late) return waiting;
        // The nearest score above: the row before the first of this player's rank (ties share it).
        const above = found.rows[mine.rank - 2];
        return {
          type: 'result',
          round,
          correct: result.correct,
          answered: result.answer !== null,
          points: result.points + result.bonus,
          streak: mine.streak,
          score: mine.score,
          rank: mine.rank,
          players: found.rows.length,
          ...(above && { above: { nickname: above.nickname, gap: above.score - mine.score } }),
        };
      }
      case 'podium': {
        const found = standingOf(id);
        const mine = found?.rows[found.i];
        return mine && { type: 'final', rank: mine.rank, players: found.rows.length, score: mine.score };
      }
    }
  };
}

/** What one player's phone should show now: sent on every change and again whenever the phone comes back. */
export const screenFor = (game: LiveGame, id: string): Screen | undefined => screensOf(game)(id);
