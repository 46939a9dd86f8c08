// Every fact of the notes as CSV, one row per fact.
import type { APIRoute } from 'astro';
import { factsCsv } from '../../exports/facts.ts';
import { factRecords } from '../../exports/records.ts';

export const GET: APIRoute = async ({ site }) => new Response(factsCsv(await factRecords(site)));
