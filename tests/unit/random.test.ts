// The seeded PRNG and the shuffle: the same seed deals the same game.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, shuffle } from '../../src/quiz/random.ts';

const draw = (seed: number, n: number) => Array.from({ length: n }, mulberry32(seed));

test('the same seed gives the same numbers, in [0, 1)', () => {
  const numbers = draw(42, 1000);
  assert.deepEqual(numbers, draw(42, 1000));
  assert.ok(numbers.every((n) => n >= 0 && n < 1));
  assert.notDeepEqual(numbers, draw(43, 1000));
});

test('shuffle is a reproducible permutation and leaves its input alone', () => {
  const items = Array.from({ length: 30 }, (_, i) => i);
  const once = shuffle(items, mulberry32(7));
  assert.deepEqual(once, shuffle(items, mulberry32(7)));
  assert.deepEqual(
    [...once].sort((a, b) => a - b),
    items,
  );
  assert.deepEqual(
    items,
    Array.from({ length: 30 }, (_, i) => i),
  );
  assert.notDeepEqual(once, items);
  assert.notDeepEqual(once, shuffle(items, mulberry32(8)));
});

test('shuffle reaches every order of three items', () => {
  const random = mulberry32(1);
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) seen.add(shuffle(['a', 'b', 'c'], random).join(''));
  assert.equal(seen.size, 6);
});
