// What has changed since the event: the since-then notes, and who they concern.
import { getCollection, type CollectionEntry } from 'astro:content';

export type SinceNote = CollectionEntry<'since'>;

let cache: Promise<SinceNote[]> | undefined;
/** Every since-then note, newest change first. */
export function sinceNotes(): Promise<SinceNote[]> {
  cache ??= getCollection('since').then((all) => all.sort((a, b) => b.data.date.getTime() - a.data.date.getTime()));
  return cache;
}

export const sinceAnchor = (note: SinceNote) => `since-${note.id}`;
export const sinceHref = (note: SinceNote) => `/since/#${sinceAnchor(note)}`;

export async function sinceOfFact(factId: string): Promise<SinceNote[]> {
  return (await sinceNotes()).filter((n) => n.data.facts.some((f) => f.id === factId));
}

export async function sinceOfService(serviceId: string): Promise<SinceNote[]> {
  return (await sinceNotes()).filter((n) => n.data.services.some((s) => s.id === serviceId));
}

/** The name a service goes by today, when a note records a rename. */
export async function currentName(serviceId: string): Promise<string | undefined> {
  return (await sinceNotes()).find((n) => n.data.rename?.service.id === serviceId)?.data.rename?.now;
}

/** "8 September 2021": dates in words, the same on every page and in every time zone. */
export const formatDate = (date: Date) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
