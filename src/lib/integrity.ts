// Fails the build on a reference to a missing entry. Astro's content layer only logs such a
// reference and builds on, which would leave a blank spot on a page; here it names the file and field.
import { getCollection, getEntry } from 'astro:content';
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

let checked: Promise<void> | undefined;

export function assertContentIntegrity(): Promise<void> {
  checked ??= (async () => {
    const problems: string[] = [];
    for (const name of Object.keys(collections) as Array<keyof typeof collections>) {
      for (const entry of await getCollection(name)) {
        for (const [field, ref] of references(entry.data, '')) {
          // @ts-expect-error: the collection name comes from data, checked by getEntry itself.
          if (!(await getEntry(ref.collection, ref.id))) {
            problems.push(
              `${entry.filePath ?? name}: entry "${entry.id}" field "${field}" refers to "${ref.id}", which is not in the ${ref.collection} collection`,
            );
          }
        }
      }
    }
    if (problems.length) throw new Error(`Broken references in content:\n${problems.join('\n')}`);
  })();
  return checked;
}
