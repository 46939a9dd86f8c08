// The question bank as JSON, for the server that deals and scores challenges (src/server/challenges/bank.ts):
// the same bank the quiz page carries, written once by the build.
import type { APIRoute } from 'astro';
import { buildBank } from '../../../quiz/bank';

export const GET: APIRoute = async () => {
  const { questions, packs } = await buildBank();
  return new Response(JSON.stringify({ questions, packs }), { headers: { 'content-type': 'application/json' } });
};
