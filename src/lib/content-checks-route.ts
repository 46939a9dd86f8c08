// The content checks (content-checks.ts) as an endpoint: rendered in memory before any page of a build by the
// contentChecks integration (content-checks-build.ts), never written to the site.
import type { APIRoute } from 'astro';
import { assertContentIntegrity } from './content-checks';

export const GET: APIRoute = async () => {
  await assertContentIntegrity();
  return new Response('ok');
};
