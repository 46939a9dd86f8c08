// Leitner scheduling: moves down and up, due order, progress counts, reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOX_INTERVALS, dueQuestions, emptyBoxes, progress, recordAnswer, recordResult, reset } from '../../src/quiz/leitner.ts';
import type { LeitnerBoxes } from '../../src/quiz/types.ts';

const DAY = 86_400_000;
const now = 1_700_000_000_000;

test('a wrong answer sends a question to box 1, due at once', () => {
  const boxes = recordResult(emptyBoxes(), 'q1', false, now);
  assert.deepEqual(boxes.cards['q1'], { box: 1, due: now });
  const high: LeitnerBoxes = { version: 1, cards: { q1: { box: 4, due: now - 1 } } };
  assert.deepEqual(recordResult(high, 'q1', false, now).cards['q1'], { box: 1, due: now });
});

test('a right answer moves a question up one box, each waiting longer, up to box 5', () => {
  let boxes = recordResult(emptyBoxes(), 'q1', false, now);
  const steps: [number, number][] = [];
  for (let i = 0; i < 5; i++) {
    boxes = recordResult(boxes, 'q1', true, now);
    const card = boxes.cards['q1'];
    steps.push([card?.box ?? 0, (card?.due ?? 0) - now]);
  }
  assert.deepEqual(steps, [
    [2, DAY],
    [3, 3 * DAY],
    [4, 7 * DAY],
    [5, 14 * DAY],
    [5, 14 * DAY],
  ]);
  assert.deepEqual(BOX_INTERVALS, { 1: 0, 2: DAY, 3: 3 * DAY, 4: 7 * DAY, 5: 14 * DAY });
});

test('records are new objects; the boxes passed in are left alone', () => {
  const before = emptyBoxes();
  const after = recordResult(before, 'q1', false, now);
  assert.deepEqual(before, emptyBoxes());
  assert.notEqual(after, before);
});

test('in a game, a miss enters the boxes; a right answer moves only questions already boxed', () => {
  let boxes = recordAnswer(emptyBoxes(), 'known', true, now);
  assert.deepEqual(boxes, emptyBoxes(), 'never missed: stays new');
  boxes = recordAnswer(boxes, 'missed', false, now);
  assert.equal(boxes.cards['missed']?.box, 1);
  boxes = recordAnswer(boxes, 'missed', true, now);
  assert.equal(boxes.cards['missed']?.box, 2);
});

test('due questions: box 1 first, then by box and by how long overdue; later ones wait', () => {
  const boxes: LeitnerBoxes = {
    version: 1,
    cards: {
      b3old: { box: 3, due: now - 5 * DAY },
      b2: { box: 2, due: now - DAY },
      b1late: { box: 1, due: now - 10 },
      b1early: { box: 1, due: now - 1000 },
      b5: { box: 5, due: now },
      future: { box: 2, due: now + 1 },
      b1future: { box: 1, due: now + DAY },
    },
  };
  assert.deepEqual(dueQuestions(boxes, now), ['b1early', 'b1late', 'b2', 'b3old', 'b5']);
  assert.deepEqual(dueQuestions(boxes, now + DAY), ['b1early', 'b1late', 'b1future', 'b2', 'future', 'b3old', 'b5']);
  assert.deepEqual(dueQuestions(emptyBoxes(), now), []);
});

test('a missed question is due again at once, a right one tomorrow', () => {
  let boxes = recordResult(emptyBoxes(), 'a', false, now);
  boxes = recordResult(boxes, 'b', false, now);
  boxes = recordResult(boxes, 'b', true, now);
  assert.deepEqual(dueQuestions(boxes, now), ['a']);
  assert.deepEqual(dueQuestions(boxes, now + DAY), ['a', 'b']);
});

test('progress counts new, learning and mastered over the given questions', () => {
  const boxes: LeitnerBoxes = {
    version: 1,
    cards: { a: { box: 1, due: now }, b: { box: 4, due: now }, c: { box: 5, due: now }, other: { box: 5, due: now } },
  };
  assert.deepEqual(progress(boxes, ['a', 'b', 'c', 'd', 'e']), { new: 2, learning: 2, mastered: 1 });
  assert.deepEqual(progress(boxes, []), { new: 0, learning: 0, mastered: 0 });
  assert.deepEqual(progress(boxes, ['toString', '__proto__']), { new: 2, learning: 0, mastered: 0 });
});

test('reset forgets everything, or only the given questions', () => {
  const boxes: LeitnerBoxes = {
    version: 1,
    cards: { a: { box: 1, due: now }, b: { box: 3, due: now }, c: { box: 5, due: now } },
  };
  assert.deepEqual(reset(boxes), emptyBoxes());
  assert.deepEqual(reset(boxes, ['a', 'c']), { version: 1, cards: { b: { box: 3, due: now } } });
  assert.deepEqual(progress(reset(boxes, ['a']), ['a', 'b', 'c']), { new: 1, learning: 1, mastered: 1 });
});
