// The persistent stores: garbage in storage gives a clean start, a game's records are kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setPersistentEngine } from '@nanostores/persistent';
import type { Question } from '../../src/quiz/types.ts';

const storage: Record<string, string> = {
  'dbweek:game': '{"version":1,"phase":"answer',
  'dbweek:boxes': '{"version":0,"cards":{}}',
  'dbweek:best': '"hello"',
  'dbweek:ghost': '{"theme":"dark"}',
};
setPersistentEngine(storage, { addEventListener() {}, removeEventListener() {} });
// Imported only now, so that the stores read the storage above.
const { $best, $boxes, $game, $ghost, $sound, dispatch, resetBoxes } = await import('../../src/quiz/store.ts');
const { currentRound } = await import('../../src/quiz/engine.ts');

const common = {
  session: 'amazon-aurora',
  explanation: 'Because.',
  sourceHref: '/sessions/amazon-aurora/#x',
  points: 'standard' as const,
};
const questions: Question[] = [
  { ...common, id: 'tf1', prompt: 'One?', type: 'true-false', answer: true },
  { ...common, id: 'tf2', prompt: 'Two?', type: 'true-false', answer: true },
];

test('corrupted, old and foreign data in storage give a clean start', () => {
  assert.equal($game.get().phase, 'lobby');
  assert.deepEqual($game.get().players, []);
  assert.deepEqual($boxes.get(), { version: 1, cards: {} });
  assert.deepEqual($best.get(), { version: 1, packs: {} });
  assert.equal($ghost.get(), null);
  assert.equal($sound.get(), false);
});

test('a game played through dispatch is saved, and leaves its records', () => {
  assert.equal(dispatch({ type: 'next' }), false, 'a refused action');
  assert.equal(dispatch({ type: 'join', nickname: 'Ada' }), true);
  assert.equal(dispatch({ type: 'start', questions, seed: 4, at: 1_000, pack: 'amazon-aurora' }), true);
  for (let i = 0; i < 2; i++) {
    const id = currentRound($game.get())?.question.id;
    dispatch({ type: 'answering-open', at: 2_000 });
    // Miss tf1, get tf2 right.
    assert.equal(dispatch({ type: 'answer', answer: { type: 'true-false', value: id === 'tf2' }, at: 2_100 }), true);
    assert.deepEqual(JSON.parse(storage['dbweek:game'] ?? ''), $game.get(), 'saved after every action');
    dispatch({ type: 'next' });
    dispatch({ type: 'next' });
  }
  assert.equal($game.get().phase, 'podium');
  assert.deepEqual($boxes.get().cards, { tf1: { box: 1, due: 2_100 } }, 'only the miss is boxed');
  assert.deepEqual($best.get().packs['amazon-aurora'], { score: 1000, correct: 1, questions: 2, at: 1_000 });
  assert.deepEqual(
    $ghost.get()?.questionIds,
    $game.get().rounds.map((r) => r.question.id),
  );
  assert.equal(JSON.parse(storage['dbweek:ghost'] ?? 'null').nickname, 'Ada');
});

test('a lower score does not replace the best one', () => {
  dispatch({ type: 'quit' });
  dispatch({ type: 'start', questions, seed: 4, at: 9_000, pack: 'amazon-aurora' });
  for (let i = 0; i < 2; i++) {
    dispatch({ type: 'answering-open', at: 10_000 });
    dispatch({ type: 'time-up', at: 30_000 });
    dispatch({ type: 'next' });
    dispatch({ type: 'next' });
  }
  assert.equal($game.get().phase, 'podium');
  assert.equal($best.get().packs['amazon-aurora']?.score, 1000);
  assert.deepEqual($ghost.get()?.points, [0, 0], 'the ghost is the latest run');
  assert.equal($boxes.get().cards['tf2']?.box, 1, 'a question missed for the first time');
});

test('sound is off by default and its choice persists', () => {
  $sound.set(true);
  assert.equal(storage['dbweek:sound'], 'yes');
});

test('review progress can be reset', () => {
  resetBoxes(['tf1']);
  assert.deepEqual(Object.keys($boxes.get().cards), ['tf2']);
  resetBoxes();
  assert.deepEqual($boxes.get(), { version: 1, cards: {} });
});
