// Kahoot's points, the streak bonus and what counts as a right answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerPoints,
  basePoints,
  isCorrect,
  normaliseTypedAnswer,
  streakBonus,
  timeLimit,
  UNTIMED_RULE,
} from '../../src/quiz/scoring.ts';
import type { Question } from '../../src/quiz/types.ts';

const common = { session: 'amazon-aurora', prompt: 'Q?', explanation: 'Because.', sourceHref: '/sessions/amazon-aurora/#x' };
const single: Question = {
  ...common,
  id: 'single',
  points: 'standard',
  type: 'quiz',
  options: ['a', 'b', 'c', 'd'],
  correct: [2],
};
const multi: Question = {
  ...common,
  id: 'multi',
  points: 'standard',
  type: 'quiz',
  options: ['a', 'b', 'c', 'd'],
  correct: [0, 3],
};
const trueFalse: Question = { ...common, id: 'tf', points: 'standard', type: 'true-false', answer: false };
const typed: Question = { ...common, id: 'typed', points: 'standard', type: 'type-answer', accepted: ['Read replica', 'RR'] };
const puzzle: Question = { ...common, id: 'puzzle', points: 'standard', type: 'puzzle', items: ['one', 'two', 'three', 'four'] };
const slider: Question = {
  ...common,
  id: 'slider',
  points: 'standard',
  type: 'slider',
  min: 0,
  max: 20,
  step: 1,
  answer: 15,
  tolerance: 1,
  unit: 'replicas',
};

test('P is 1000 standard, 2000 double, 0 no points', () => {
  assert.equal(basePoints('standard'), 1000);
  assert.equal(basePoints('double'), 2000);
  assert.equal(basePoints('none'), 0);
});

test('full points under half a second', () => {
  assert.equal(answerPoints('standard', true, 300, 20_000), 1000);
  assert.equal(answerPoints('standard', true, 0, 5_000), 1000);
  assert.equal(answerPoints('double', true, 499, 5_000), 2000);
});

test('the speed formula: 2 s of 30 s gives 967', () => {
  assert.equal(answerPoints('standard', true, 2_000, 30_000), 967);
  assert.equal(answerPoints('standard', true, 500, 20_000), 988);
  assert.equal(answerPoints('standard', true, 10_000, 20_000), 750);
});

test('at the deadline, half points', () => {
  assert.equal(answerPoints('standard', true, 20_000, 20_000), 500);
  assert.equal(answerPoints('double', true, 240_000, 240_000), 1000);
});

test('wrong answers score 0', () => {
  assert.equal(answerPoints('standard', false, 300, 20_000), 0);
  assert.equal(answerPoints('double', false, 2_000, 30_000), 0);
});

test('double points and no points', () => {
  assert.equal(answerPoints('double', true, 2_000, 30_000), 1933);
  assert.equal(answerPoints('none', true, 300, 20_000), 0);
  assert.equal(answerPoints('none', true, 2_000, 30_000), 0);
});

test('untimed: full points whatever the time, and a sentence to show', () => {
  assert.equal(answerPoints('standard', true, 600_000, null), 1000);
  assert.equal(answerPoints('double', true, 60_000, null), 2000);
  assert.equal(answerPoints('standard', false, 1_000, null), 0);
  assert.match(UNTIMED_RULE, /untimed/i);
});

test('time limit: the game timer, the question timer, double in extended, none untimed or in practice', () => {
  assert.equal(timeLimit(single, { timer: 20, mode: 'timed' }), 20_000);
  assert.equal(timeLimit({ ...single, timer: 5 }, { timer: 20, mode: 'timed' }), 5_000);
  assert.equal(timeLimit(single, { timer: 30, mode: 'extended' }), 60_000);
  assert.equal(timeLimit(single, { timer: 30, mode: 'practice' }), null);
  assert.equal(timeLimit(single, { timer: 30, mode: 'untimed' }), null);
});

test('streak bonus: 0, 100, 200 … 500, then capped', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 20].map(streakBonus), [0, 100, 200, 300, 400, 500, 500, 500, 500]);
  assert.equal(streakBonus(0), 0);
});

test('quiz, single answer', () => {
  assert.equal(isCorrect(single, { type: 'quiz', options: [2] }), true);
  assert.equal(isCorrect(single, { type: 'quiz', options: [1] }), false);
  assert.equal(isCorrect(single, { type: 'quiz', options: [2, 1] }), false);
});

test('multi-select: all and only the right options', () => {
  assert.equal(isCorrect(multi, { type: 'quiz', options: [0, 3] }), true);
  assert.equal(isCorrect(multi, { type: 'quiz', options: [3, 0] }), true);
  assert.equal(isCorrect(multi, { type: 'quiz', options: [0] }), false, 'one missing');
  assert.equal(isCorrect(multi, { type: 'quiz', options: [0, 3, 1] }), false, 'one extra');
  assert.equal(isCorrect(multi, { type: 'quiz', options: [1, 2] }), false);
  assert.equal(isCorrect(multi, { type: 'quiz', options: [] }), false, 'nothing picked');
  assert.equal(isCorrect(multi, { type: 'quiz', options: [0, 0] }), false, 'the same option twice');
  assert.equal(isCorrect(multi, { type: 'quiz', options: [0, 7] }), false, 'out of range');
});

test('true or false', () => {
  assert.equal(isCorrect(trueFalse, { type: 'true-false', value: false }), true);
  assert.equal(isCorrect(trueFalse, { type: 'true-false', value: true }), false);
});

test('type answer: case, spacing, punctuation and accents ignored', () => {
  assert.equal(normaliseTypedAnswer('  Read-Replica! '), 'readreplica');
  assert.equal(normaliseTypedAnswer('Réplica'), 'replica');
  assert.equal(normaliseTypedAnswer('DynamoDB'), normaliseTypedAnswer('dynamo db.'));
  for (const text of ['read replica', 'READ REPLICA', 'read-replica', 'Read  replica.', 'readreplica', 'rr', 'R.R.']) {
    assert.equal(isCorrect(typed, { type: 'type-answer', text }), true, text);
  }
  for (const text of ['read replicas', 'replica', '', '  ', '!!!']) {
    assert.equal(isCorrect(typed, { type: 'type-answer', text }), false, text);
  }
});

test('puzzle: exact order only', () => {
  assert.equal(isCorrect(puzzle, { type: 'puzzle', order: [0, 1, 2, 3] }), true);
  assert.equal(isCorrect(puzzle, { type: 'puzzle', order: [0, 1, 3, 2] }), false);
  assert.equal(isCorrect(puzzle, { type: 'puzzle', order: [3, 2, 1, 0] }), false);
  assert.equal(isCorrect(puzzle, { type: 'puzzle', order: [0, 1, 2] }), false, 'an item missing');
  assert.equal(isCorrect(puzzle, { type: 'puzzle', order: [0, 1, 1, 2] }), false, 'an item twice');
});

test('slider: within the tolerance, bounds included', () => {
  for (const value of [14, 14.5, 15, 16]) assert.equal(isCorrect(slider, { type: 'slider', value }), true, String(value));
  for (const value of [13.9, 16.1, 0, Number.NaN])
    assert.equal(isCorrect(slider, { type: 'slider', value }), false, String(value));
  const exact: Question = { ...slider, tolerance: 0, answer: 0.3 };
  assert.equal(isCorrect(exact, { type: 'slider', value: 0.1 + 0.2 }), true, 'float noise');
  assert.equal(isCorrect(exact, { type: 'slider', value: 0.4 }), false);
});

test('an answer of another type is wrong', () => {
  assert.equal(isCorrect(trueFalse, { type: 'quiz', options: [0] }), false);
  assert.equal(isCorrect(single, { type: 'true-false', value: true }), false);
});
