// A small question bank for challenge tests that run before (or without) a build: one question of each kind
// the report words differently, in one pack, written to a temporary file as the build writes dist/quiz/challenge/bank.json.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerBank } from '../../src/challenge/contract.ts';
import type { Answer } from '../../src/quiz/types.ts';

const common = {
  session: 'amazon-aurora',
  sourceHref: '/sessions/amazon-aurora/#storage',
  sourceLabel: 'Aurora › Storage',
  points: 'standard',
} as const;

export const BANK: ServerBank = {
  questions: [
    {
      ...common,
      id: 'q-quiz',
      type: 'quiz',
      prompt: 'Pick B',
      explanation: 'B it is.',
      options: ['A', 'B', 'C', 'D'],
      correct: [1],
    },
    { ...common, id: 'q-tf', type: 'true-false', prompt: 'True?', explanation: 'It is true.', answer: true },
    { ...common, id: 'q-typed', type: 'type-answer', prompt: 'Type Aurora', explanation: 'Aurora.', accepted: ['Aurora'] },
    {
      ...common,
      id: 'q-slider',
      type: 'slider',
      prompt: 'How many copies?',
      explanation: 'Six.',
      min: 0,
      max: 10,
      step: 1,
      answer: 6,
      tolerance: 0,
      unit: 'copies',
    },
  ],
  packs: [{ id: 'all', label: 'Everything', questionIds: ['q-quiz', 'q-tf', 'q-typed', 'q-slider'] }],
};

/** The right answer and a wrong one, by question id. */
export const RIGHT: Record<string, Answer> = {
  'q-quiz': { type: 'quiz', options: [1] },
  'q-tf': { type: 'true-false', value: true },
  'q-typed': { type: 'type-answer', text: 'aurora' },
  'q-slider': { type: 'slider', value: 6 },
};
export const WRONG: Record<string, Answer> = {
  'q-quiz': { type: 'quiz', options: [2] },
  'q-tf': { type: 'true-false', value: false },
  'q-typed': { type: 'type-answer', text: 'dynamo' },
  'q-slider': { type: 'slider', value: 2 },
};

/** The bank in a file of its own, for a server process (CHALLENGE_BANK). */
export function writeBank(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dbweek-bank-')), 'bank.json');
  writeFileSync(path, JSON.stringify(BANK));
  return path;
}
