// What the search index needs from the content, gathered at build time with the site's own queries:
// every fact as a record of its own, and the names, aliases and thin pages the query side uses.
// Served once as /search-data.json during the build; the index step (index-site.ts) consumes it.
// The answer cards' data (answersData) is served as /search-answers.json and read by the browser.
import { getCollection } from 'astro:content';
import { allFacts, factHref, factSource, serviceHref, sessionHref, sessionsById, termHref } from '../lib/content';
import { formatLabel, voiceLabel, type Voice } from '../lib/site';
import { withBase } from '../lib/paths';
import { formatDate, sinceHref, sinceNotes, sinceOfFact } from '../lib/since';
import { wordsOf } from './words';
import type { AnswerFact, AnswerSince, AnswersData } from './answers';

export interface FactRecord {
  id: string;
  statement: string;
  voice: Voice;
  /** The voice in words, as pages label it. */
  voiceLabel: string;
  /** "Session › Section". */
  source: string;
  /** The fact's section: where the link leads when the page does not show the fact with its own id. */
  href: string;
  /** The fact itself on its session page (Facts.astro gives each one the id "fact-<id>"). */
  anchor: string;
  figure?: { display: string; unit: string; measures: string } | undefined;
  /** Short names of the services the fact is about: the same values pages use for the service filter. */
  services: string[];
  format: string;
  /** What has changed since the event, when a since-then note concerns the fact: its title and its place on /since/. */
  since?: { title: string; href: string } | undefined;
}

/** A name the site knows: a service or a glossary term, with the spellings that mean it. */
export interface KnownName {
  display: string;
  url: string;
  /** Other spellings, as content gives them (services' and terms' `aliases`). */
  aliases: string[];
  kind: 'service' | 'term';
}

export interface SearchData {
  facts: FactRecord[];
  names: KnownName[];
  /** Session pages without notes: for the same words, pages with substance rank above them. */
  thin: string[];
}

export async function searchData(): Promise<SearchData> {
  const services = new Map((await getCollection('services')).map((s) => [s.id, s]));
  const sessions = await sessionsById();
  const shortName = (id: string) => services.get(id)?.data.short ?? services.get(id)?.data.name ?? id;

  const facts: FactRecord[] = [];
  for (const fact of await allFacts()) {
    const { statement, voice, figure, session } = fact.data;
    const [since] = await sinceOfFact(fact.id);
    facts.push({
      id: fact.id,
      statement,
      voice,
      voiceLabel: voiceLabel[voice],
      source: await factSource(fact),
      href: factHref(fact),
      anchor: sessionHref(session.id, `fact-${fact.id}`),
      figure: figure && { display: figure.display, unit: figure.unit, measures: figure.measures },
      services: fact.data.services.map((s) => shortName(s.id)),
      format: formatLabel[sessions.get(session.id)!.data.format],
      since: since && { title: since.data.title, href: withBase(sinceHref(since)) },
    });
  }

  const names: KnownName[] = [
    ...[...services.values()].map((s) => ({
      display: s.data.short ?? s.data.name,
      url: serviceHref(s.id),
      aliases: [s.data.name, ...s.data.aliases],
      kind: 'service' as const,
    })),
    ...(await getCollection('glossary')).map((t) => ({
      // "ACU (Aurora Capacity Unit)": the name is the part before the brackets, the rest another spelling.
      display: t.data.term.replace(/\s*\(.*\)$/, ''),
      url: termHref(t.id),
      aliases: [...(t.data.term.match(/\((.*)\)$/)?.slice(1) ?? []), ...t.data.aliases],
      kind: 'term' as const,
    })),
  ];

  const thin = [...sessions.values()]
    .filter((s) => s.data.notes === 'none' || s.data.notes === 'missed')
    .map((s) => sessionHref(s.id));

  return { facts, names, thin };
}

/** The data of the answer cards above the results (answers.ts): facts by the names they are about, and the since-then notes. */
export async function answersData(): Promise<AnswersData> {
  const facts: AnswerFact[] = [];
  for (const fact of await allFacts()) {
    const { statement, voice, figure, topic, services, terms } = fact.data;
    facts.push({
      id: fact.id,
      statement,
      voice,
      voiceLabel: voiceLabel[voice],
      source: await factSource(fact),
      href: factHref(fact),
      topic,
      figure: figure?.display,
      about: [...services.map((s) => serviceHref(s.id)), ...terms.map((t) => termHref(t.id))],
    });
  }
  const since: AnswerSince[] = (await sinceNotes()).map((note) => ({
    id: note.id,
    title: note.data.title,
    date: note.data.date.toISOString().slice(0, 10),
    dateText: formatDate(note.data.date),
    change: note.data.change,
    source: note.data.source,
    href: withBase(sinceHref(note)),
    about: note.data.services.map((s) => serviceHref(s.id)),
    now: note.data.rename && wordsOf(note.data.rename.now),
  }));
  return { facts, since };
}
