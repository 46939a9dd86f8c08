// The player's seats in localStorage: corrupted or tampered storage reads as no seats (the page offers to join
// again) and never throws; a good seat survives a reload, and writing one leaves the others alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setPersistentEngine, type PersistentListener } from '@nanostores/persistent';

const TOKEN = 'A'.repeat(32);
const storage: Record<string, string> = {};
/** The store's storage-event listener: what another tab's write, or a return to the page, calls. */
let storageEvent: PersistentListener | undefined;
setPersistentEngine(storage, {
  addEventListener: (_key: string, listener: PersistentListener) => void (storageEvent = listener),
  removeEventListener() {},
});
const { $seats, dropSeat, keepSeat, seatFor } = await import('../../src/challenge/seats.ts');
$seats.listen(() => {});

/** What the store reads from `raw`, as when it changes under the page. */
function readBack(raw: string) {
  storage['dbweek:challenge-seats'] = raw;
  storageEvent!({ key: 'dbweek:challenge-seats', newValue: raw });
  return $seats.get();
}

test('corrupted, tampered or foreign storage reads as no seats, without throwing', () => {
  const good = { '123456': { token: TOKEN, nickname: 'Ada' } };
  assert.deepEqual(readBack(JSON.stringify(good)), good, 'a good seat is read');
  for (const raw of [
    '{not json',
    'null',
    '[]',
    JSON.stringify({ '123456': { token: 'short', nickname: 'Ada' } }),
    JSON.stringify({ abc: { token: TOKEN, nickname: 'Ada' } }),
    JSON.stringify({ '123456': { token: TOKEN } }),
  ]) {
    assert.deepEqual(readBack(raw), {}, raw);
  }
});

test('a seat is kept by PIN, read back after a reload, and dropped alone', () => {
  storage['dbweek:challenge-seats'] = JSON.stringify({});
  keepSeat('123456', { token: TOKEN, nickname: 'Ada' });
  keepSeat('654321', { token: 'B'.repeat(32), nickname: 'Bo' });
  assert.deepEqual(readBack(storage['dbweek:challenge-seats']!), {
    '123456': { token: TOKEN, nickname: 'Ada' },
    '654321': { token: 'B'.repeat(32), nickname: 'Bo' },
  });
  dropSeat('123456');
  assert.equal(seatFor('123456'), undefined);
  assert.equal(seatFor('654321')?.nickname, 'Bo');
});
