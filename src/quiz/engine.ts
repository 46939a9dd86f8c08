// The game as a reducer: Kahoot's phases for one player or several in hot-seat, and what the view reads from the state.
import { mulberry32, shuffle } from './random.ts';
import type { Random } from './random.ts';
import { answerFits, ranked, scoreAnswer, timeLimit } from './scoring.ts';
import { nicknameKey, tidyNickname } from './nickname.ts';
import { DEFAULT_TIMER, MAX_PLAYERS, MODES, STORAGE_VERSION, TIMERS } from './schema.ts';
import type { Action, Answer, GameState, Ghost, GhostRun, Player, Question, Result, Round, Settings, Standing } from './types.ts';

export const LEADERBOARD_SIZE = 5;
export const PODIUM_SIZE = 3;
export const DEFAULT_SETTINGS: Settings = { timer: DEFAULT_TIMER, mode: 'timed' };

export function initialState(settings: Settings = DEFAULT_SETTINGS): GameState {
  return {
    version: STORAGE_VERSION,
    phase: 'lobby',
    settings,
    players: [],
    pack: 'all',
    seed: 0,
    startedAt: null,
    rounds: [],
    round: 0,
    turn: 0,
    openedAt: null,
    resumed: false,
    ghost: null,
  };
}

/** Apply an action; an illegal one returns the very same state object. */
export function reduce(state: GameState, action: Action): GameState {
  switch (action.type) {
    case 'join':
      return join(state, action);
    case 'start':
      return start(state, action);
    case 'answering-open':
      return state.phase === 'preview' ? { ...state, phase: 'answering', openedAt: action.at } : state;
    case 'answer':
      return answer(state, action.answer, action.at);
    case 'time-up':
      return timeUp(state, action.at);
    case 'next':
      return next(state);
    case 'quit':
      return quit(state);
  }
}

/**
 * After a reload. Preview and the phases between questions resume as they were. A question that was being
 * answered comes back with a full answering window from `now`, and a right answer scores as if given at
 * the deadline (half points, streak bonus unchanged): the player has already seen the question, so a reload
 * must never buy speed points, yet an accidental one still lets them answer. If the time had run out
 * before `now`, the question counts as unanswered. Untimed questions resume untouched.
 */
export function resume(state: GameState, now: number): GameState {
  if (state.phase !== 'answering' || state.openedAt === null) return state;
  const limit = currentLimit(state);
  if (limit === null) return state;
  if (now - state.openedAt > limit) return timeUp(state, state.openedAt + limit);
  return { ...state, openedAt: now, resumed: true };
}

function join(state: GameState, { nickname, settings }: Extract<Action, { type: 'join' }>): GameState {
  if (state.phase !== 'lobby' || state.players.length >= MAX_PLAYERS) return state;
  const tidy = tidyNickname(nickname);
  if (!tidy.ok) return state;
  const name = tidy.nickname;
  if (state.players.some((p) => nicknameKey(p.nickname) === nicknameKey(name))) return state;
  const chosen = settings === undefined ? state.settings : { ...state.settings, ...settings };
  if (!(TIMERS as readonly number[]).includes(chosen.timer) || !MODES.includes(chosen.mode)) return state;
  return { ...state, settings: chosen, players: [...state.players, newPlayer(name)] };
}

function start(state: GameState, action: Extract<Action, { type: 'start' }>): GameState {
  if (state.phase !== 'lobby' || state.players.length === 0 || !Number.isFinite(action.seed)) return state;
  const { count } = action;
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) return state;
  if (new Set(action.questions.map((q) => q.id)).size !== action.questions.length) return state;
  const random = mulberry32(action.seed);
  let questions: Question[];
  let ghost: GhostRun | null = null;
  if (action.ghost === undefined) {
    questions = pick(action.questions, random, count, action.ordered);
  } else {
    // The ghost's questions in its order; any since removed from the pack are skipped with their points.
    const { questionIds, points, nickname } = action.ghost;
    const byId = new Map(action.questions.map((q) => [q.id, q]));
    const replay = questionIds.flatMap((id, i) => {
      const question = byId.get(id);
      return question ? [{ question, points: points[i] ?? 0 }] : [];
    });
    questions = replay.map((r) => r.question);
    ghost = { nickname, points: replay.map((r) => r.points) };
  }
  if (questions.length === 0) return state;
  return {
    ...state,
    phase: 'preview',
    players: state.players.map((p) => newPlayer(p.nickname)),
    pack: action.pack ?? state.pack,
    seed: action.seed >>> 0,
    startedAt: action.at,
    rounds: questions.map((q) => deal(q, random)),
    round: 0,
    turn: 0,
    openedAt: null,
    resumed: false,
    ghost,
  };
}

/** The questions a game plays: shuffled (unless `ordered`), then the first `count`. */
function pick(questions: readonly Question[], random: Random, count?: number, ordered = false): Question[] {
  const dealt = ordered ? [...questions] : shuffle(questions, random);
  return count === undefined ? dealt : dealt.slice(0, count);
}

/**
 * A game's rounds from a seed, as the solo engine deals them: for a live game, which has no hot-seat engine. With
 * `shuffleOptions` false, a quiz question's options keep the bank's order (a puzzle's items are mixed all the same).
 */
export function dealRounds(questions: readonly Question[], seed: number, count?: number, shuffleOptions = true): Round[] {
  const random = mulberry32(seed);
  return pick(questions, random, count).map((q) => deal(q, random, shuffleOptions));
}

/** Shuffle a quiz question's options (and follow its right ones), and mix up a puzzle's items. */
function deal(question: Question, random: Random, shuffleOptions = true): Round {
  if (question.type === 'quiz' && !shuffleOptions) return { question, start: [] };
  if (question.type === 'quiz') {
    const options = shuffle(
      question.options.map((text, index) => ({ text, index })),
      random,
    );
    return {
      question: {
        ...question,
        options: options.map((o) => o.text),
        correct: options.flatMap((o, shown) => (question.correct.includes(o.index) ? [shown] : [])),
      },
      start: [],
    };
  }
  if (question.type === 'puzzle') {
    const solved = question.items.map((_, i) => i);
    const start = shuffle(solved, random);
    // Never deal a puzzle already solved.
    return { question, start: start.every((item, place) => item === place) ? [...solved.slice(1), 0] : start };
  }
  return { question, start: [] };
}

function answer(state: GameState, given: Answer, at: number): GameState {
  const round = currentRound(state);
  if (state.phase !== 'answering' || state.openedAt === null || !round) return state;
  if (!answerFits(round.question, given)) return state;
  const limit = currentLimit(state);
  const time = Math.max(0, at - state.openedAt);
  if (limit !== null && time > limit) return state;
  return settle(state, round.question, given, time, limit);
}

function timeUp(state: GameState, at: number): GameState {
  const round = currentRound(state);
  if (state.phase !== 'answering' || state.openedAt === null || !round) return state;
  const limit = currentLimit(state);
  if (limit === null || at < state.openedAt + limit) return state;
  return settle(state, round.question, null, null, limit);
}

/** Score the current player's turn, then hand over to the next player or reveal. */
function settle(
  state: GameState,
  question: Question,
  given: Answer | null,
  time: number | null,
  limit: number | null,
): GameState {
  const index = turnPlayer(state);
  const player = state.players[index];
  if (!player) return state;
  const counted = state.resumed && limit !== null ? limit : (time ?? 0);
  const { correct, points, bonus, streak } = scoreAnswer(
    question,
    given,
    counted,
    limit,
    player.streak,
    state.settings.mode !== 'practice',
  );
  const updated: Player = {
    ...player,
    score: player.score + points + bonus,
    streak,
    bestStreak: Math.max(player.bestStreak, streak),
    correctCount: player.correctCount + (correct ? 1 : 0),
    results: [...player.results, { questionId: question.id, answer: given, correct, points, bonus, time }],
  };
  const players = state.players.map((p, i) => (i === index ? updated : p));
  const last = state.turn + 1 >= state.players.length;
  return {
    ...state,
    players,
    phase: last ? 'reveal' : 'handover',
    turn: last ? state.turn : state.turn + 1,
    openedAt: null,
    resumed: false,
  };
}

function next(state: GameState): GameState {
  switch (state.phase) {
    case 'handover':
      return { ...state, phase: 'preview' };
    case 'reveal':
      return hasLeaderboard(state) ? { ...state, phase: 'leaderboard' } : next({ ...state, phase: 'leaderboard' });
    case 'leaderboard':
      return state.round + 1 < state.rounds.length
        ? { ...state, phase: 'preview', round: state.round + 1, turn: 0 }
        : { ...state, phase: 'podium' };
    default:
      return state;
  }
}

/** From a game: back to the lobby with the same players and settings. From the lobby: an empty lobby. */
function quit(state: GameState): GameState {
  if (state.phase === 'lobby') {
    return state.players.length === 0 ? state : initialState(state.settings);
  }
  return { ...initialState(state.settings), pack: state.pack, players: state.players.map((p) => newPlayer(p.nickname)) };
}

function newPlayer(nickname: string): Player {
  return { nickname, score: 0, streak: 0, bestStreak: 0, correctCount: 0, results: [] };
}

// What the view reads.

/**
 * Whether a leaderboard follows each reveal: only when there is someone to compare with (hot-seat players or
 * a ghost) and points to compare (not practice). A solo game goes straight from the answer to the next question.
 */
export function hasLeaderboard(state: GameState): boolean {
  return state.settings.mode !== 'practice' && (state.players.length > 1 || state.ghost !== null);
}

export function currentRound(state: GameState): Round | undefined {
  return state.phase === 'lobby' ? undefined : state.rounds[state.round];
}

/**
 * Index (in players) of whose turn it is. Hot-seat turns rotate: the player who goes first moves one
 * place each round, so nobody always answers first, before the others have had a look at the question.
 */
export function turnPlayer(state: GameState): number {
  const count = state.players.length;
  return count === 0 ? -1 : (state.round + state.turn) % count;
}

export function currentPlayer(state: GameState): Player | undefined {
  return state.players[turnPlayer(state)];
}

/** The current question's answering window in ms, or null when untimed. */
export function currentLimit(state: GameState): number | null {
  const round = currentRound(state);
  return round ? timeLimit(round.question, state.settings) : null;
}

/** When the current turn's time runs out (ms), or null. */
export function deadline(state: GameState): number | null {
  const limit = currentLimit(state);
  return state.openedAt === null || limit === null ? null : state.openedAt + limit;
}

/** Each player's result at the current round, in player order; undefined for who has not played it yet. */
export function roundResults(state: GameState): (Result | undefined)[] {
  return state.players.map((p) => p.results[state.round]);
}

/** How many players have given an answer (not run out of time) to the current question. */
export function answeredCount(state: GameState): number {
  if (state.phase === 'lobby') return 0;
  return roundResults(state).filter((r) => r?.answer).length;
}

/** For the reveal: how many picked each option (quiz), or [true, false] (true-false); empty otherwise. */
export function optionCounts(state: GameState): number[] {
  const question = currentRound(state)?.question;
  if (!question) return [];
  const answers = roundResults(state).flatMap((r) => (r?.answer ? [r.answer] : []));
  if (question.type === 'quiz') {
    return question.options.map((_, i) => answers.filter((a) => a.type === 'quiz' && a.options.includes(i)).length);
  }
  if (question.type === 'true-false') {
    return [true, false].map((v) => answers.filter((a) => a.type === 'true-false' && a.value === v).length);
  }
  return [];
}

/** The ghost's points after the rounds the players have finished, or null without a ghost. */
export function ghostScore(state: GameState): number | null {
  if (!state.ghost) return null;
  const finished = ['reveal', 'leaderboard', 'podium'].includes(state.phase) ? state.round + 1 : state.round;
  return state.ghost.points.slice(0, state.phase === 'lobby' ? 0 : finished).reduce((sum, p) => sum + p, 0);
}

/** Everyone ranked by score (ties share a rank), the ghost included. */
export function standings(state: GameState): Standing[] {
  const entries: Omit<Standing, 'rank'>[] = state.players.map((player) => ({
    nickname: player.nickname,
    score: player.score,
    player,
  }));
  const ghost = ghostScore(state);
  if (state.ghost && ghost !== null) entries.push({ nickname: state.ghost.nickname, score: ghost, player: null });
  return ranked(entries);
}

export function leaderboard(state: GameState): Standing[] {
  return standings(state).slice(0, LEADERBOARD_SIZE);
}

/** The top three, the ghost included: a ghost run is a race, and the ghost may win it. */
export function podium(state: GameState): Standing[] {
  return standings(state).slice(0, PODIUM_SIZE);
}

/** A finished game's run by its winner, to be played against later; null before the podium. */
export function ghostOf(state: GameState): Ghost | null {
  const winner = standings(state).find((s) => s.player !== null)?.player;
  if (state.phase !== 'podium' || !winner) return null;
  return {
    version: STORAGE_VERSION,
    pack: state.pack,
    nickname: winner.nickname,
    questionIds: state.rounds.map((r) => r.question.id),
    points: winner.results.map((r) => r.points + r.bonus),
    at: state.startedAt ?? 0,
  };
}
