// The question bank as the server reads it: the build writes it to dist/quiz/challenge/bank.json (the same bank
// the quiz page carries); CHALLENGE_BANK names another file, for a server that runs without the built site.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serverBank } from '../../challenge/contract.ts';
import type { Question } from '../../quiz/types.ts';

export interface LoadedBank {
  questions: Map<string, Question>;
  packs: Map<string, { label: string; questionIds: string[] }>;
}

export const defaultBankPath = () => resolve(process.env['CHALLENGE_BANK'] || 'dist/quiz/challenge/bank.json');

/** The bank at `path`, checked against the quiz's question schema; an error naming the file and the field otherwise. */
export function loadBank(path = defaultBankPath()): LoadedBank {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf-8'));
  } catch (error) {
    throw new Error(
      `No question bank for challenges at ${path} (${(error as Error).message}): run \`npm run build\`, or set CHALLENGE_BANK to a bank.json.`,
      { cause: error },
    );
  }
  return bankOf(data, path);
}

/** A bank from its JSON, checked; `source` names it in the error. */
export function bankOf(data: unknown, source: string): LoadedBank {
  const parsed = serverBank.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return {
    questions: new Map(parsed.data.questions.map((q) => [q.id, q])),
    packs: new Map(parsed.data.packs.map((p) => [p.id, { label: p.label, questionIds: p.questionIds }])),
  };
}
