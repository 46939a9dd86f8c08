// A private window where localStorage exists but refuses writes: the stores fall back to memory at load.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const refuse = () => {
  throw new Error('QuotaExceededError');
};
const stored: Record<string, string> = { 'dbweek:sound': 'yes' };
const privateStorage = new Proxy(stored, {
  get: (target, key) =>
    key === 'setItem'
      ? refuse
      : key === 'getItem'
        ? (k: string) => target[k] ?? null
        : key === 'key'
          ? (i: number) => Object.keys(target)[i] ?? null
          : key === 'length'
            ? Object.keys(target).length
            : key === 'removeItem'
              ? refuse
              : Reflect.get(target, key),
  set: refuse,
  deleteProperty: refuse,
});
Object.defineProperty(globalThis, 'localStorage', { value: privateStorage, configurable: true });
// Imported only now, so that @nanostores/persistent finds this localStorage.
const { $game, $sound, dispatch } = await import('../../src/quiz/store.ts');

test('what could be read is kept, writes go to memory, nothing throws', () => {
  assert.equal($sound.get(), true);
  assert.equal(dispatch({ type: 'join', nickname: 'Ada' }), true);
  assert.equal($game.get().players.length, 1);
  $sound.set(false);
  assert.equal($sound.get(), false);
  assert.deepEqual(stored, { 'dbweek:sound': 'yes' }, 'the refusing storage is left alone');
});
