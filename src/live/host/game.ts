// A live game as the host's browser holds it: the solo quiz's pure engine (deal, Kahoot scoring, streaks,
// standings) plus who sits in the room and the answers that came in for the open question. Every player
// answers at once here, where the engine plays hot-seat turns; a question is settled by replaying the answers
// into the engine turn by turn, so the points are the engine's, to the point.
//
// Answer times are taken where the host receives them, not where the server does: the host's clock opened
// the question and runs its countdown, so measuring on the same clock needs no clock sync between machines,
// and the relay's delay (milliseconds on one network) is the same for every player.
import { currentLimit, currentRound, deadline, reduce, standings, turnPlayer } from '../../quiz/engine.ts';
import { answerFits } from '../../quiz/scoring.ts';
import { initialState } from '../../quiz/engine.ts';
import type { Answer, GameState, Mode, Question, TimerSeconds } from '../../quiz/types.ts';
import type { Ask, Screen, Seat } from '../protocol.ts';

export type LivePhase = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium';
/** Live games are timed: a room waits for nobody. Practice has no points and so nothing to race for. */
export const LIVE_MODES = ['timed', 'extended'] as const satisfies readonly Mode[];

export interface LiveOptions {
  pack: string;
  count: number | 'all';
  timer: TimerSeconds;
  mode: (typeof LIVE_MODES)[number];
  /** Show the answer texts on the phones (Kahoot can hide them: then only colours and shapes show there). */
  texts: boolean;
}

export interface LiveGame {
  pin: string;
  hostToken: string;
  join: string;
  seats: Seat[];
  locked: boolean;
  phase: LivePhase;
  options: LiveOptions;
  engine: GameState;
  /** When the open question opened, on the host's clock. */
  openedAt: number | null;
  /** Answers to the open question, by seat id, with when the host received each. */
  answers: Record<string, { answer: Answer; at: number }>;
}

export function newGame(pin: string, hostToken: string, join: string, options: LiveOptions): LiveGame {
  const engine = initialState({ timer: options.timer, mode: options.mode });
  return { pin, hostToken, join, seats: [], locked: false, phase: 'lobby', options, engine, openedAt: null, answers: {} };
}

export function seat(game: LiveGame, arriving: Seat): LiveGame {
  const known = game.seats.some((s) => s.id === arriving.id);
  return {
    ...game,
    seats: known ? game.seats.map((s) => (s.id === arriving.id ? arriving : s)) : [...game.seats, arriving],
  };
}

export function unseat(game: LiveGame, id: string): LiveGame {
  return { ...game, seats: game.seats.filter((s) => s.id !== id) };
}

/** Deal and open the first question. The engine's players are the room's seats, by nickname (unique in a room). */
export function begin(game: LiveGame, questions: Question[], seed: number, now: number): LiveGame {
  const lobby: GameState = {
    ...game.engine,
    players: game.seats.map((s) => ({ nickname: s.nickname, score: 0, streak: 0, bestStreak: 0, correctCount: 0, results: [] })),
  };
  const count = game.options.count === 'all' ? undefined : game.options.count;
  const engine = reduce(lobby, { type: 'start', questions, seed, at: now, pack: game.options.pack, ...(count && { count }) });
  if (engine === lobby) return game;
  return { ...game, engine, phase: 'question', openedAt: now, answers: {} };
}

export const question = (game: LiveGame): Question | undefined => currentRound(game.engine)?.question;

/** When the open question closes, on the host's clock. */
export function closesAt(game: LiveGame): number | null {
  const limit = currentLimit(game.engine);
  return game.phase === 'question' && game.openedAt !== null && limit !== null ? game.openedAt + limit : null;
}

/**
 * What a phone may see of the open question. A puzzle goes out in its dealt order (the right order never
 * leaves the host) and a slider without the solo game's starting point (which is chosen away from the answer).
 */
export function askOf(game: LiveGame): Ask | undefined {
  const round = currentRound(game.engine);
  if (!round) return undefined;
  const q = round.question;
  switch (q.type) {
    case 'quiz':
      return { type: 'quiz', options: q.options, multiple: q.correct.length > 1 };
    case 'true-false':
    case 'type-answer':
      return { type: q.type };
    case 'puzzle':
      return { type: 'puzzle', items: round.start.map((i) => q.items[i]!) };
    case 'slider':
      return { type: 'slider', min: q.min, max: q.max, step: q.step, unit: q.unit };
  }
}

/** An answer from a phone, stamped with the seat the server says it came from. Late, repeated or unfit ones are dropped. */
export function receive(game: LiveGame, from: string, round: number, given: Answer, at: number): LiveGame {
  const q = question(game);
  const closes = closesAt(game);
  if (!q || round !== game.engine.round || game.answers[from] || !game.seats.some((s) => s.id === from)) return game;
  if (closes !== null && at > closes) return game;
  // The phone ordered the puzzle's items as dealt; the engine wants the question's own item indexes.
  const start = currentRound(game.engine)!.start;
  const answer: Answer = given.type === 'puzzle' ? { type: 'puzzle', order: given.order.map((i) => start[i] ?? -1) } : given;
  if (!answerFits(q, answer)) return game;
  return { ...game, answers: { ...game.answers, [from]: { answer, at } } };
}

export const everyoneAnswered = (game: LiveGame) => game.seats.every((s) => game.answers[s.id]);

/** Close the question and score it: each player's answer goes into the engine on its own turn. */
export function settle(game: LiveGame): LiveGame {
  if (game.phase !== 'question' || game.openedAt === null) return game;
  const byNickname = new Map(game.seats.map((s) => [s.nickname, s.id]));
  let state = game.engine;
  for (let turn = 0; turn < state.players.length; turn++) {
    if (state.phase === 'handover') state = reduce(state, { type: 'next' });
    state = reduce(state, { type: 'answering-open', at: game.openedAt });
    const id = byNickname.get(state.players[turnPlayer(state)]!.nickname);
    const given = id === undefined ? undefined : game.answers[id];
    const answered = given ? reduce(state, { type: 'answer', answer: given.answer, at: given.at }) : state;
    state = answered !== state ? answered : reduce(state, { type: 'time-up', at: deadline(state) ?? game.openedAt });
  }
  return { ...game, engine: state, phase: 'reveal', openedAt: null };
}

/** From the reveal to the leaderboard, then to the next question or the podium. */
export function next(game: LiveGame, now: number): LiveGame {
  if (game.phase === 'reveal') {
    const engine = reduce(game.engine, { type: 'next' });
    return {
      ...game,
      engine,
      phase: engine.phase === 'podium' ? 'podium' : engine.phase === 'leaderboard' ? 'leaderboard' : 'question',
      ...(engine.phase === 'preview' && { openedAt: now, answers: {} }),
    };
  }
  if (game.phase === 'leaderboard') {
    const engine = reduce(game.engine, { type: 'next' });
    if (engine.phase === 'podium') return { ...game, engine, phase: 'podium' };
    return { ...game, engine, phase: 'question', openedAt: now, answers: {} };
  }
  return game;
}

/** How many picked each tile, at the reveal: the engine's count. */
export { optionCounts } from '../../quiz/engine.ts';

/** What one player's phone should show now: sent on every change and again whenever the phone comes back. */
export function screenFor(game: LiveGame, id: string): Screen | undefined {
  const seatOf = game.seats.find((s) => s.id === id);
  if (!seatOf) return undefined;
  const { engine } = game;
  const round = engine.round;
  switch (game.phase) {
    case 'lobby':
      return { type: 'waiting', nickname: seatOf.nickname };
    case 'question': {
      if (game.answers[id]) return { type: 'answered', round };
      const ask = askOf(game)!;
      const q = question(game)!;
      return {
        type: 'question',
        round,
        total: engine.rounds.length,
        texts: game.options.texts,
        ...(game.options.texts && { prompt: q.prompt }),
        ask,
      };
    }
    case 'reveal':
    case 'leaderboard': {
      const table = standings(engine);
      const mine = table.find((s) => s.nickname === seatOf.nickname);
      const player = mine?.player;
      const result = player?.results[round];
      if (!mine || !player || !result) return undefined;
      const above = table.filter((s) => s.score > mine.score).at(-1);
      return {
        type: 'result',
        round,
        correct: result.correct,
        answered: result.answer !== null,
        points: result.points + result.bonus,
        streak: player.streak,
        score: player.score,
        rank: mine.rank,
        players: table.length,
        ...(above && { above: { nickname: above.nickname, gap: above.score - mine.score } }),
      };
    }
    case 'podium': {
      const table = standings(engine);
      const mine = table.find((s) => s.nickname === seatOf.nickname);
      return mine && { type: 'final', rank: mine.rank, players: table.length, score: mine.score };
    }
  }
}
