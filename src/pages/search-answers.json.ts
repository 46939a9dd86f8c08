// The data of search's answer cards (comparisons, since-then notes), fetched only when a query asks for one.
import type { APIRoute } from 'astro';
import { answersData } from '../search/records';

export const GET: APIRoute = async () => new Response(JSON.stringify(await answersData()));
