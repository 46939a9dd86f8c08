// No slider in the question bank opens on its own right answer: its start lies outside the tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { sliderStart } from '../../src/quiz/scoring.ts';
import type { Question } from '../../src/quiz/types.ts';

type Slider = Extract<Question, { type: 'slider' }>;
const dir = join(import.meta.dirname, '../../content/quiz');
const sliders = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .flatMap((name) =>
    (load(readFileSync(join(dir, name), 'utf-8')) as Record<string, unknown>[]).map((q): Record<string, unknown> => ({
      ...q,
      file: name,
    })),
  )
  .filter((q) => q['type'] === 'slider')
  // The schema's defaults, as the content collection applies them.
  .map((q) => ({ step: 1, tolerance: 0, unit: '', ...q }) as unknown as Slider & { file: string });

test('the bank has sliders to check', () => {
  assert.ok(sliders.length >= 3, `${sliders.length} sliders`);
});

for (const q of sliders) {
  test(`slider "${q.id}" (${q.file}) starts outside its tolerance, on a step within its range`, () => {
    const start = sliderStart(q);
    assert.ok(Math.abs(start - q.answer) > q.tolerance, `starts at ${start}; answer ${q.answer} ± ${q.tolerance}`);
    assert.ok(start >= q.min && start <= q.max, `starts at ${start}, outside ${q.min}–${q.max}`);
    assert.ok(Number.isInteger(Math.round(((start - q.min) / q.step) * 1e9) / 1e9), `starts at ${start}, off the ${q.step} step`);
  });
}

test('a slider whose middle is its answer starts a step below the tolerance', () => {
  const q = { min: 0, max: 30, step: 1, answer: 15, tolerance: 1 } as Slider;
  assert.equal(sliderStart(q), 13);
});
