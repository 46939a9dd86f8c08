// Every check on content that the schemas cannot make, in one place. Each failure names the entry's real file
// (the content layer's filePath, so a fixture build names the fixture's file) and the field. The build stops on
// the first page that runs into a problem, with every problem of that kind listed.
import { getCollection, getEntry, render } from 'astro:content';
import { collections } from '../content.config';

type Ref = { collection: string; id: string };
const isRef = (v: unknown): v is Ref =>
  typeof v === 'object' && v !== null && Object.keys(v).length === 2 && 'collection' in v && 'id' in v;

function* references(value: unknown, path: string): Generator<[string, Ref]> {
  if (isRef(value)) yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* references(v, `${path}[${i}]`);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) yield* references(v, path ? `${path}.${k}` : k);
}

/** The file an entry came from, as the content layer recorded it. */
function fileOf(entry: { filePath?: string | undefined }, fallback: string): string {
  return entry.filePath ?? fallback;
}

/** Where a collection lives, for messages about an entry that is missing from it. */
async function collectionFile(name: keyof typeof collections): Promise<string> {
  const files = new Set((await getCollection(name)).map((e) => fileOf(e, name)));
  return files.size === 1 ? [...files][0]! : `the ${name} collection`;
}

/**
 * References between entries. Astro's content layer only logs a reference to a missing entry and builds on,
 * which would leave a blank spot on a page; here it stops the build.
 */
async function brokenReferences(): Promise<string[]> {
  const problems: string[] = [];
  for (const name of Object.keys(collections) as Array<keyof typeof collections>) {
    for (const entry of await getCollection(name)) {
      for (const [field, ref] of references(entry.data, '')) {
        // @ts-expect-error: the collection name comes from data, checked by getEntry itself.
        if (!(await getEntry(ref.collection, ref.id))) {
          problems.push(
            `${fileOf(entry, name)}: entry "${entry.id}" field "${field}" refers to "${ref.id}", which is not in the ${ref.collection} collection`,
          );
        }
      }
    }
  }
  return problems;
}

/** A fact must stand under a heading of its session: otherwise its links would land nowhere. */
async function factsOutsideHeadings(): Promise<string[]> {
  const problems: string[] = [];
  const sessions = new Map((await getCollection('sessions')).map((s) => [s.id, s]));
  const headings = new Map<string, Set<string>>();
  for (const fact of await getCollection('facts')) {
    const session = sessions.get(fact.data.session.id);
    if (!session) continue; // a broken reference, reported above
    if (!headings.has(session.id)) headings.set(session.id, new Set((await render(session)).headings.map((h) => h.slug)));
    const ids = headings.get(session.id)!;
    if (!ids.has(fact.data.section)) {
      problems.push(
        `${fileOf(fact, 'facts')}: fact "${fact.id}" field "section": "${fact.data.section}" is not a heading of ${fileOf(session, session.id)} (headings: ${[...ids].join(', ')})`,
      );
    }
  }
  return problems;
}

let checked: Promise<void> | undefined;

/** Run once per build, from the layout every page uses. */
export function assertContentIntegrity(): Promise<void> {
  checked ??= (async () => {
    const problems = [...(await brokenReferences())];
    if (problems.length === 0) problems.push(...(await factsOutsideHeadings()));
    if (problems.length) throw new Error(`Content that does not hold together:\n${problems.join('\n')}`);
  })();
  return checked;
}

/** <Term id> in a session page: the id must be a glossary entry. */
export async function requireTerm(id: string) {
  const term = await getEntry('glossary', id);
  if (!term) throw new Error(`<Term id="${id}">: no entry "${id}" in ${await collectionFile('glossary')}`);
  return term;
}

/** <Facts session section> in a session page must show at least one fact. */
export async function requireFacts<T>(session: string, section: string, facts: T[]): Promise<T[]> {
  if (facts.length > 0) return facts;
  const page = await getEntry('sessions', session);
  const factFiles = new Set(
    (await getCollection('facts')).filter((f) => f.data.session.id === session).map((f) => fileOf(f, 'facts')),
  );
  throw new Error(
    `${page ? fileOf(page, session) : `session "${session}"`}: <Facts section="${section}"> shows nothing: no fact in ${[...factFiles].join(', ') || 'the facts collection'} has section "${section}"`,
  );
}

/** A question's first cited fact gives its source link, so it must exist. */
export function requireCitedFact<T>(
  fact: T | undefined,
  question: { id: string; filePath?: string | undefined },
  cited: string,
): T {
  if (fact) return fact;
  throw new Error(
    `${fileOf(question, 'questions')}: entry "${question.id}" field "facts[0]" refers to "${cited}", which is not in the facts collection`,
  );
}
