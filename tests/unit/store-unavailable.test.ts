// With storage unavailable (writes throw, as in a private window) the game still plays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setPersistentEngine } from '@nanostores/persistent';

const refusing = new Proxy<Record<string, string>>(
  {},
  {
    set() {
      throw new Error('QuotaExceededError');
    },
    deleteProperty() {
      throw new Error('QuotaExceededError');
    },
  },
);
setPersistentEngine(refusing, { addEventListener() {}, removeEventListener() {} });
const { $game, $sound, dispatch } = await import('../../src/quiz/store.ts');

test('actions still change the game when storage refuses every write', () => {
  assert.doesNotThrow(() => dispatch({ type: 'join', nickname: 'Ada' }));
  assert.deepEqual(
    $game.get().players.map((p) => p.nickname),
    ['Ada'],
  );
  const question = {
    id: 'q1',
    session: 's',
    prompt: 'P?',
    explanation: 'E.',
    sourceHref: '/sessions/s/#x',
    points: 'standard' as const,
    type: 'true-false' as const,
    answer: true,
  };
  assert.equal(dispatch({ type: 'start', questions: [question], seed: 1, at: 0 }), true);
  assert.equal(dispatch({ type: 'answering-open', at: 0 }), true);
  assert.equal(dispatch({ type: 'answer', answer: { type: 'true-false', value: true }, at: 100 }), true);
  assert.equal($game.get().players[0]?.score, 1000);
  assert.doesNotThrow(() => $sound.set(true));
  assert.equal($sound.get(), true);
});
