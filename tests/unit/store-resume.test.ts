// A game in progress survives a reload: the stored state comes back and resumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setPersistentEngine } from '@nanostores/persistent';
import { initialState, reduce } from '../../src/quiz/engine.ts';
import type { Question } from '../../src/quiz/types.ts';

const question: Question = {
  id: 'q1',
  session: 'amazon-aurora',
  prompt: 'Six copies?',
  explanation: 'Yes.',
  sourceHref: '/sessions/amazon-aurora/#x',
  points: 'standard',
  type: 'true-false',
  answer: true,
};
let saved = reduce(initialState(), { type: 'join', nickname: 'Ada' });
saved = reduce(saved, { type: 'start', questions: [question], seed: 1, at: 0 });
saved = reduce(saved, { type: 'answering-open', at: 1_000 });

setPersistentEngine({ 'dbweek:game': JSON.stringify(saved) }, { addEventListener() {}, removeEventListener() {} });
const { $game, dispatch, resumeGame } = await import('../../src/quiz/store.ts');

test('the stored game comes back on the same question, its timer restarted', () => {
  assert.deepEqual($game.get(), saved);
  resumeGame(5_000);
  assert.equal($game.get().phase, 'answering');
  assert.equal($game.get().openedAt, 5_000);
  assert.equal(dispatch({ type: 'answer', answer: { type: 'true-false', value: true }, at: 5_200 }), true);
  assert.equal($game.get().players[0]?.score, 500);
});
