// The stored shapes' schemas: garbage, foreign data and old formats are refused; our own data passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce } from '../../src/quiz/engine.ts';
import { bestScores, game as gameSchema, ghost, leitnerBoxes, parsed } from '../../src/quiz/schema.ts';

const validGameState = (data: unknown) => parsed(gameSchema, data);
const validBoxes = (data: unknown) => parsed(leitnerBoxes, data);
const validBest = (data: unknown) => parsed(bestScores, data);
const validGhost = (data: unknown) => parsed(ghost, data);
import type { GameState, Question } from '../../src/quiz/types.ts';

const question: Question = {
  id: 'q1',
  session: 'amazon-aurora',
  prompt: 'How many copies?',
  explanation: 'Six, over three zones.',
  sourceHref: '/sessions/amazon-aurora/#storage',
  points: 'standard',
  type: 'quiz',
  options: ['Two', 'Four', 'Six'],
  correct: [2],
};

function playing(): GameState {
  let s = reduce(initialState(), { type: 'join', nickname: 'Ada' });
  s = reduce(s, { type: 'start', questions: [question], seed: 3, at: 1 });
  s = reduce(s, { type: 'answering-open', at: 10 });
  return JSON.parse(JSON.stringify(s)) as GameState;
}

const garbage: unknown[] = [null, undefined, 0, 42, 'dbweek', true, [], [1, 2], {}, { version: '1' }, Number.NaN];

test('garbage is refused everywhere', () => {
  for (const data of garbage) {
    assert.equal(validGameState(data), null, String(data));
    assert.equal(validBoxes(data), null, String(data));
    assert.equal(validBest(data), null, String(data));
    assert.equal(validGhost(data), null, String(data));
  }
});

test('our own data passes, as is', () => {
  const game = playing();
  assert.deepEqual(validGameState(game), game);
  assert.ok(validGameState(initialState()));
  const boxes = { version: 1, cards: { q1: { box: 2, due: 5 } } };
  assert.deepEqual(validBoxes(boxes), boxes);
  const best = { version: 1, packs: { all: { score: 4200, correct: 5, questions: 10, at: 7 } } };
  assert.deepEqual(validBest(best), best);
  const ghost = { version: 1, pack: 'all', nickname: 'Ada', questionIds: ['q1', 'q2'], points: [950, 0], at: 7 };
  assert.deepEqual(validGhost(ghost), ghost);
});

test('old formats are refused', () => {
  const { version: _, ...unversioned } = playing();
  assert.deepEqual(validGameState(unversioned), null);
  assert.equal(validGameState({ ...playing(), version: 0 }), null);
  assert.equal(validGameState({ ...playing(), version: 2 }), null);
  assert.equal(validBoxes({ q1: { box: 2, due: 5 } }), null, 'the bare record of an earlier draft');
  assert.deepEqual(validBoxes({ version: 0, cards: {} }), null);
  assert.deepEqual(validBest({ all: 4200 }), null);
  assert.deepEqual(validGhost({ version: 0, pack: 'all', nickname: 'Ada', questionIds: ['q1'], points: [1], at: 0 }), null);
});

test('foreign data is refused', () => {
  const foreign = { version: 1, theme: 'dark', user: { id: 7 } };
  assert.deepEqual(validGameState(foreign), null);
  assert.deepEqual(validBoxes(foreign), null);
  assert.deepEqual(validBest(foreign), null);
  assert.deepEqual(validGhost(foreign), null);
  assert.equal(validGameState({ version: 1, phase: 'lobby', players: [] }), null, 'half a state');
});

test('corrupted game states are refused', () => {
  const s = playing();
  const corrupt: Record<string, unknown>[] = [
    { ...s, phase: 'intermission' },
    { ...s, settings: { timer: 15, mode: 'timed' } },
    { ...s, settings: { timer: 20, mode: 'blitz' } },
    { ...s, round: 1 },
    { ...s, round: -1 },
    { ...s, turn: 1 },
    { ...s, openedAt: null },
    { ...s, phase: 'reveal' },
    { ...s, players: [] },
    { ...s, players: [{ ...s.players[0], score: -5 }] },
    { ...s, players: [{ ...s.players[0], score: '1000' }] },
    { ...s, players: Array(9).fill(s.players[0]) },
    { ...s, rounds: [{ question: { ...question, type: 'essay' }, start: [] }] },
    { ...s, rounds: [{ question: { ...question, correct: [5] }, start: [] }] },
    { ...s, rounds: [{ question: { ...question, type: 'puzzle', items: ['a', 'b', 'c'] }, start: [0, 0, 1] }] },
    { ...s, rounds: 'q1' },
    { ...s, ghost: { nickname: 'Ada', points: [1, 2] } },
    { ...s, seed: 'abc' },
    { ...s, resumed: 'no' },
  ];
  for (const data of corrupt) assert.equal(validGameState(data), null, JSON.stringify(data).slice(0, 120));
});

test('corrupted boxes, best scores and ghosts are refused', () => {
  assert.deepEqual(validBoxes({ version: 1, cards: { q1: { box: 6, due: 0 } } }), null);
  assert.deepEqual(validBoxes({ version: 1, cards: { q1: { box: 1 } } }), null);
  assert.deepEqual(validBoxes({ version: 1, cards: [] }), null);
  assert.deepEqual(validBest({ version: 1, packs: { all: { score: -1, correct: 0, questions: 1, at: 0 } } }), null);
  assert.deepEqual(validGhost({ version: 1, pack: 'all', nickname: 'Ada', questionIds: ['q1', 'q2'], points: [1], at: 0 }), null);
  assert.deepEqual(validGhost({ version: 1, pack: 'all', nickname: 'Ada', questionIds: [], points: [], at: 0 }), null);
});
