// What the export files are made of, read from the content collections at build time.
import { allFacts, factHref, servicesById, sessionsById, sessionTitle } from '../lib/content';
import { buildBank } from '../quiz/bank.ts';
import { cardOf, type Card } from './deck.ts';
import type { FactRecord } from './facts.ts';

/** Links in exported files leave the site, so they are absolute: the site's URL, base path included. */
const absolute = (href: string, site: URL | undefined) => new URL(href, site).href;

export async function factRecords(site: URL | undefined): Promise<FactRecord[]> {
  const [facts, services, sessions] = await Promise.all([allFacts(), servicesById(), sessionsById()]);
  return facts.map((f) => ({
    id: f.id,
    statement: f.data.statement,
    voice: f.data.voice,
    session: f.data.session.id,
    sessionTitle: sessionTitle(sessions.get(f.data.session.id)!),
    sectionUrl: absolute(factHref(f), site),
    services: f.data.services.map((s) => s.id),
    serviceNames: f.data.services.map((s) => services.get(s.id)!.data.name),
    figure: f.data.figure ?? null,
  }));
}

export async function deckCards(site: URL | undefined): Promise<Card[]> {
  const bank = await buildBank();
  const categoriesOf = (id: string) =>
    bank.groups.filter((g) => g.kind === 'category' && g.questionIds.includes(id)).map((g) => g.id.replace(/^category:/, ''));
  return bank.questions.map((q) => cardOf(q, absolute(q.sourceHref, site), categoriesOf(q.id)));
}
