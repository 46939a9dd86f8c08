// Shared result links: they round-trip, and any edit or truncation is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readShared, shareQuery, type SharedResult } from '../../src/quiz/share.ts';

const result: SharedResult = {
  pack: 'amazon-aurora',
  score: 8450,
  rank: 1,
  players: 2,
  correct: 9,
  questions: 10,
  date: '2026-11-26',
};

test('a shared result reads back as it was', () => {
  assert.deepEqual(readShared(shareQuery(result)), { ok: true, result });
});

test('an edited score, a missing field or garbage is refused with a reason', () => {
  const query = shareQuery(result);
  for (const bad of [
    query.replace('score=8450', 'score=9999'),
    query.replace(/&date=[^&]+/, ''),
    'score=x',
    '',
    query.replace('rank=1', 'rank=3'),
  ]) {
    const read = readShared(bad);
    assert.equal(read.ok, false, bad);
    if (!read.ok) assert.match(read.reason, /result link/);
  }
});
