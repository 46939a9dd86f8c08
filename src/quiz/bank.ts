// Builds the quiz's question bank from the content collections at build time: each question gets the
// link to the section its first cited fact comes from, and packs group questions by session and category.
import { getCollection } from 'astro:content';
import { allFacts, categoryTitle, factHref, factSource, sessionsInOrder, sessionTitle } from '../lib/content';
import type { Question } from './types.ts';

export interface Pack {
  id: string;
  label: string;
  questionIds: string[];
}

export interface Bank {
  questions: Question[];
  packs: Pack[];
  /** For the review progress view: which session and categories each question belongs to. */
  groups: { id: string; label: string; kind: 'session' | 'category'; questionIds: string[] }[];
}

export async function buildBank(): Promise<Bank> {
  const facts = new Map((await allFacts()).map((f) => [f.id, f]));
  const services = new Map((await getCollection('services')).map((s) => [s.id, s]));
  const categories = new Map((await getCollection('categories')).map((c) => [c.id, c]));
  const entries = (await getCollection('questions')).sort((a, b) => a.data.position - b.data.position);

  const sessionList = await sessionsInOrder();
  const categoryOf = new Map<string, Set<string>>();
  const questions: Question[] = [];
  for (const entry of entries) {
    const { facts: cited, position: _position, session, ...data } = entry.data;
    const first = facts.get(cited[0]!.id);
    if (!first)
      throw new Error(`${entry.filePath}: question "${entry.id}" field "facts[0]" cites "${cited[0]!.id}", which is not a fact`);
    const cats = new Set(
      cited.flatMap((c) => facts.get(c.id)?.data.services ?? []).map((s) => services.get(s.id)?.data.category.id ?? ''),
    );
    cats.delete('');
    categoryOf.set(entry.id, cats);
    questions.push({
      ...data,
      id: entry.id,
      session: session.id,
      sourceHref: factHref(first),
      sourceLabel: await factSource(first),
    } as Question);
  }

  const bySession = sessionList
    .map((s) => ({ id: s.id, label: sessionTitle(s), questionIds: questions.filter((q) => q.session === s.id).map((q) => q.id) }))
    .filter((p) => p.questionIds.length > 0);
  const byCategory = [...categories.values()]
    .sort((a, b) => a.data.order - b.data.order)
    .map((c) => ({
      id: `category:${c.id}`,
      label: categoryTitle(c),
      questionIds: questions.filter((q) => categoryOf.get(q.id)?.has(c.id)).map((q) => q.id),
    }))
    .filter((p) => p.questionIds.length >= 4);

  return {
    questions,
    packs: [
      { id: 'all', label: 'Everything', questionIds: questions.map((q) => q.id) },
      ...bySession.map((p) => ({ ...p, label: `Session: ${p.label}` })),
      ...byCategory.map((p) => ({ ...p, label: `Category: ${p.label}` })),
    ],
    groups: [
      ...bySession.map((p) => ({ ...p, kind: 'session' as const })),
      ...byCategory.map((p) => ({ ...p, id: p.id, kind: 'category' as const })),
    ],
  };
}
