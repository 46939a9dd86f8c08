// Every fact of the notes as JSON.
import type { APIRoute } from 'astro';
import { factsJson } from '../../exports/facts.ts';
import { factRecords } from '../../exports/records.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(factsJson(await factRecords(site), new URL(import.meta.env.BASE_URL, site).href));
