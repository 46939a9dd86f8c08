// Build-time data for the search index (facts, names, aliases); read and removed by src/search/index-site.ts.
import type { APIRoute } from 'astro';
import { searchData } from '../search/records';

export const GET: APIRoute = async () => new Response(JSON.stringify(await searchData()));
