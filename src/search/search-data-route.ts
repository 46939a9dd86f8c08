// Build-time data for the search index (facts, names, aliases), rendered in memory for the searchIndex
// integration (src/search/index-site.ts), never written to the site.
import type { APIRoute } from 'astro';
import { searchData } from './records';

export const GET: APIRoute = async () => new Response(JSON.stringify(await searchData()));
