// Builds the quiz's question bank from the content collections at build time: each question gets the
// link to the section its first cited fact comes from, and packs group questions by session, category and service.
import { getCollection } from 'astro:content';
import { allFacts, factHref, factSource, sessionsInOrder, sessionTitle } from '../lib/content';
import { requireCitedFact } from '../lib/content-checks';
import type { Question } from './types.ts';

export interface Pack {
  /** 'all', a session id, 'category:<id>' or 'service:<id>': what /quiz/?pack= takes. */
  id: string;
  label: string;
  kind: 'all' | 'session' | 'category' | 'service';
  questionIds: string[];
}

/** A category or service pack needs this many questions to be worth a game. */
const MIN_PACK = 4;

export interface Bank {
  questions: Question[];
  packs: Pack[];
  /** For the review progress view: which session and categories each question belongs to. */
  groups: Pack[];
}

export async function buildBank(): Promise<Bank> {
  const facts = new Map((await allFacts()).map((f) => [f.id, f]));
  const services = new Map((await getCollection('services')).map((s) => [s.id, s]));
  const categories = new Map((await getCollection('categories')).map((c) => [c.id, c]));
  const entries = (await getCollection('questions')).sort((a, b) => a.data.position - b.data.position);

  const sessionList = await sessionsInOrder();
  const categoryOf = new Map<string, Set<string>>();
  const servicesOf = new Map<string, Set<string>>();
  const questions: Question[] = [];
  for (const entry of entries) {
    const { facts: cited, position: _position, session, ...data } = entry.data;
    const first = requireCitedFact(facts.get(cited[0]!.id), entry, cited[0]!.id);
    const cats = new Set(
      cited.flatMap((c) => facts.get(c.id)?.data.services ?? []).map((s) => services.get(s.id)?.data.category.id ?? ''),
    );
    cats.delete('');
    categoryOf.set(entry.id, cats);
    servicesOf.set(entry.id, new Set(cited.flatMap((c) => facts.get(c.id)?.data.services.map((s) => s.id) ?? [])));
    questions.push({
      ...data,
      id: entry.id,
      session: session.id,
      sourceHref: factHref(first),
      sourceLabel: await factSource(first),
    } as Question);
  }

  const bySession = sessionList
    .map((s) => ({
      id: s.id,
      label: sessionTitle(s),
      kind: 'session' as const,
      questionIds: questions.filter((q) => q.session === s.id).map((q) => q.id),
    }))
    .filter((p) => p.questionIds.length > 0);
  const byCategory = [...categories.values()]
    .sort((a, b) => a.data.order - b.data.order)
    .map((c) => ({
      id: `category:${c.id}`,
      label: `${c.data.name} databases`,
      kind: 'category' as const,
      questionIds: questions.filter((q) => categoryOf.get(q.id)?.has(c.id)).map((q) => q.id),
    }))
    .filter((p) => p.questionIds.length >= MIN_PACK);
  const byService = [...services.values()]
    .sort((a, b) => a.data.name.localeCompare(b.data.name))
    .map((s) => ({
      id: `service:${s.id}`,
      label: s.data.name,
      kind: 'service' as const,
      questionIds: questions.filter((q) => servicesOf.get(q.id)?.has(s.id)).map((q) => q.id),
    }))
    .filter((p) => p.questionIds.length >= MIN_PACK);

  return {
    questions,
    packs: [
      { id: 'all', label: 'Everything', kind: 'all', questionIds: questions.map((q) => q.id) },
      ...bySession,
      ...byCategory,
      ...byService,
    ],
    groups: [...bySession.map((p) => ({ ...p, label: `Session: ${p.label}` })), ...byCategory],
  };
}
