// Queries over the content collections that several pages share.
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { withBase } from './paths';

export type Session = CollectionEntry<'sessions'>;
export type Fact = CollectionEntry<'facts'>;
export type Service = CollectionEntry<'services'>;
export type Category = CollectionEntry<'categories'>;
export type Term = CollectionEntry<'glossary'>;

export async function sessionsInOrder(): Promise<Session[]> {
  const all = await getCollection('sessions');
  return all.sort((a, b) => a.data.order - b.data.order);
}

export function sessionTitle(session: Session): string {
  const { title, subtitle } = session.data;
  return subtitle ? `${title}: ${subtitle}` : title;
}

export const sessionHref = (id: string, section?: string) => withBase(`/sessions/${id}/${section ? `#${section}` : ''}`);
export const serviceHref = (id: string) => withBase(`/services/${id}/`);
export const categoryHref = (id: string) => withBase(`/categories/${id}/`);
export const termHref = (id: string) => withBase(`/glossary/#${id}`);
export const factHref = (fact: Fact) => sessionHref(fact.data.session.id, fact.data.section);

let factsCache: Promise<Fact[]> | undefined;
/** Every fact, in the order the notes give them: by session, then by place in its file. */
export function allFacts(): Promise<Fact[]> {
  factsCache ??= (async () => {
    const order = new Map((await getCollection('sessions')).map((s) => [s.id, s.data.order]));
    const rank = (f: Fact) => (order.get(f.data.session.id) ?? 99) * 1e6 + f.data.position;
    return (await getCollection('facts')).sort((a, b) => rank(a) - rank(b));
  })();
  return factsCache;
}

export async function factsOfSession(sessionId: string, section?: string): Promise<Fact[]> {
  return (await allFacts()).filter(
    (f) => f.data.session.id === sessionId && (section === undefined || f.data.section === section),
  );
}

export async function factsOfService(serviceId: string): Promise<Fact[]> {
  return (await allFacts()).filter((f) => f.data.services.some((s) => s.id === serviceId));
}

export async function servicesById(): Promise<Map<string, Service>> {
  return new Map((await getCollection('services')).map((s) => [s.id, s]));
}

export async function sessionsById(): Promise<Map<string, Session>> {
  return new Map((await getCollection('sessions')).map((s) => [s.id, s]));
}

export async function categoriesInOrder(): Promise<Category[]> {
  return (await getCollection('categories')).sort((a, b) => a.data.order - b.data.order);
}

let sectionsCache: Promise<Map<string, string>> | undefined;
/** "session-id#section-id" → "Session title › Section heading", for links that say where they lead. */
export function sectionTitles(): Promise<Map<string, string>> {
  sectionsCache ??= (async () => {
    const titles = new Map<string, string>();
    for (const session of await sessionsInOrder()) {
      for (const heading of (await render(session)).headings) {
        titles.set(`${session.id}#${heading.slug}`, `${sessionTitle(session)} › ${heading.text}`);
      }
    }
    return titles;
  })();
  return sectionsCache;
}

/** Where a fact was said, in words: its session and section. */
export async function factSource(fact: Fact): Promise<string> {
  const titles = await sectionTitles();
  return titles.get(`${fact.data.session.id}#${fact.data.section}`) ?? fact.data.session.id;
}

/** A category as a reader says it: "Relational databases" for the talk's eight, plain "Migration" beyond them. */
export function categoryTitle(category: Category): string {
  return category.data.group === 'database' ? `${category.data.name} databases` : category.data.name;
}
