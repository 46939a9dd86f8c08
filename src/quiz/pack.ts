// From a pack to its questions, for every way a game starts: solo (start.ts), a live room's host, a challenge.
import type { Bank } from './bank.ts';
import type { Question } from './types.ts';

/** The bank's questions with these ids, in this order; ids no longer in the bank are skipped. */
export function questionsOf(bank: Pick<Bank, 'questions'>, ids: readonly string[]): Question[] {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A pack's questions, or the first pack's when the id is unknown (a stale link). */
export function packQuestions(bank: Pick<Bank, 'questions' | 'packs'>, pack: string): Question[] {
  const found = bank.packs.find((p) => p.id === pack) ?? bank.packs[0];
  return found ? questionsOf(bank, found.questionIds) : [];
}
