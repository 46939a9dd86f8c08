// The quiz bank as an Anki deck (File › Import in Anki).
import type { APIRoute } from 'astro';
import { deckFile } from '../../exports/deck.ts';
import { deckCards } from '../../exports/records.ts';

export const GET: APIRoute = async ({ site }) => new Response(deckFile(await deckCards(site)));
