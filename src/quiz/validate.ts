// Guards for JSON read back from storage: our shape at our version, or null (corrupted, foreign or old data).
import { MAX_PLAYERS, MODES } from './engine.ts';
import { TIMERS } from './scoring.ts';
import type {
  Answer,
  BestScore,
  BestScores,
  GameState,
  Ghost,
  LeitnerBoxes,
  LeitnerCard,
  Player,
  Question,
  Result,
  Round,
  Settings,
} from './types.ts';

/** The version every stored shape carries; data of another version is dropped. */
export const STORAGE_VERSION = 1;

type Fields = Record<string, unknown>;

const PHASES = ['lobby', 'preview', 'answering', 'handover', 'reveal', 'leaderboard', 'podium'];
const POINTS = ['standard', 'double', 'none'];

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isIndex = (v: unknown, length: number): v is number => isCount(v) && v < length;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);
const isTimer = (v: unknown): boolean => (TIMERS as readonly unknown[]).includes(v);
const isOneOf = (v: unknown, values: readonly unknown[]): boolean => values.includes(v);
const isOurs = (v: unknown): v is Fields => isRecord(v) && v['version'] === STORAGE_VERSION;

const isPermutation = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && new Set(v).size === length && v.every((i) => isIndex(i, length));

export function isSettings(v: unknown): v is Settings {
  return isRecord(v) && isTimer(v['timer']) && isOneOf(v['mode'], MODES);
}

export function isQuestion(v: unknown): v is Question {
  if (!isRecord(v)) return false;
  const common =
    isString(v['id']) &&
    isString(v['session']) &&
    isString(v['prompt']) &&
    isString(v['explanation']) &&
    isString(v['sourceHref']) &&
    isOneOf(v['points'], POINTS) &&
    (v['timer'] === undefined || isTimer(v['timer']));
  if (!common) return false;
  switch (v['type']) {
    case 'quiz': {
      const options = v['options'];
      const correct = v['correct'];
      return (
        isStrings(options) &&
        options.length >= 2 &&
        options.length <= 4 &&
        Array.isArray(correct) &&
        correct.length > 0 &&
        correct.every((i) => isIndex(i, options.length))
      );
    }
    case 'true-false':
      return typeof v['answer'] === 'boolean';
    case 'type-answer':
      return isStrings(v['accepted']) && v['accepted'].length > 0;
    case 'puzzle':
      return isStrings(v['items']) && v['items'].length >= 2;
    case 'slider':
      return ['min', 'max', 'step', 'answer', 'tolerance'].every((k) => isNumber(v[k])) && isString(v['unit']);
    default:
      return false;
  }
}

export function isAnswer(v: unknown): v is Answer {
  if (!isRecord(v)) return false;
  switch (v['type']) {
    case 'quiz':
      return Array.isArray(v['options']) && v['options'].every(isCount);
    case 'true-false':
      return typeof v['value'] === 'boolean';
    case 'type-answer':
      return isString(v['text']);
    case 'puzzle':
      return Array.isArray(v['order']) && v['order'].every(isCount);
    case 'slider':
      return isNumber(v['value']);
    default:
      return false;
  }
}

function isResult(v: unknown): v is Result {
  return (
    isRecord(v) &&
    isString(v['questionId']) &&
    (v['answer'] === null || isAnswer(v['answer'])) &&
    typeof v['correct'] === 'boolean' &&
    isCount(v['points']) &&
    isCount(v['bonus']) &&
    (v['time'] === null || isCount(v['time']))
  );
}

function isPlayer(v: unknown, rounds: number): v is Player {
  return (
    isRecord(v) &&
    isString(v['nickname']) &&
    ['score', 'streak', 'bestStreak', 'correctCount'].every((k) => isCount(v[k])) &&
    Array.isArray(v['results']) &&
    v['results'].length <= rounds &&
    v['results'].every(isResult)
  );
}

function isRound(v: unknown): v is Round {
  if (!isRecord(v) || !isQuestion(v['question'])) return false;
  const question = v['question'];
  return question.type === 'puzzle'
    ? isPermutation(v['start'], question.items.length)
    : Array.isArray(v['start']) && v['start'].length === 0;
}

export function validGameState(data: unknown): GameState | null {
  if (!isOurs(data)) return null;
  const { phase, settings, players, rounds, round, turn, openedAt, ghost } = data;
  if (!isOneOf(phase, PHASES) || !isSettings(settings)) return null;
  if (!Array.isArray(rounds) || !rounds.every(isRound)) return null;
  if (!Array.isArray(players) || players.length > MAX_PLAYERS || !players.every((p) => isPlayer(p, rounds.length))) {
    return null;
  }
  if (!isString(data['pack']) || !isNumber(data['seed']) || !(data['startedAt'] === null || isNumber(data['startedAt']))) {
    return null;
  }
  if (typeof data['resumed'] !== 'boolean' || !isCount(round) || !isCount(turn)) return null;
  if (phase === 'answering' ? !isNumber(openedAt) : openedAt !== null) return null;
  if (phase !== 'lobby' && (players.length === 0 || !isIndex(round, rounds.length) || !isIndex(turn, players.length))) {
    return null;
  }
  if (
    ghost !== null &&
    !(isRecord(ghost) && isString(ghost['nickname']) && isNumbers(ghost['points']) && ghost['points'].length === rounds.length)
  ) {
    return null;
  }
  return data as unknown as GameState;
}

function isCard(v: unknown): v is LeitnerCard {
  return isRecord(v) && isOneOf(v['box'], [1, 2, 3, 4, 5]) && isNumber(v['due']);
}

export function validBoxes(data: unknown): LeitnerBoxes | null {
  if (!isOurs(data) || !isRecord(data['cards'])) return null;
  return Object.values(data['cards']).every(isCard) ? (data as unknown as LeitnerBoxes) : null;
}

function isBestScore(v: unknown): v is BestScore {
  return isRecord(v) && ['score', 'correct', 'questions'].every((k) => isCount(v[k])) && isNumber(v['at']);
}

export function validBest(data: unknown): BestScores | null {
  if (!isOurs(data) || !isRecord(data['packs'])) return null;
  return Object.values(data['packs']).every(isBestScore) ? (data as unknown as BestScores) : null;
}

export function validGhost(data: unknown): Ghost | null {
  if (!isOurs(data)) return null;
  const { pack, nickname, questionIds, points, at } = data;
  const ok =
    isString(pack) &&
    isString(nickname) &&
    isStrings(questionIds) &&
    questionIds.length > 0 &&
    isNumbers(points) &&
    points.length === questionIds.length &&
    isNumber(at);
  return ok ? (data as unknown as Ghost) : null;
}
