// The Astro integration that runs the content checks (content-checks.ts) in the build, before any page is
// written: bad content stops the build with every problem of the first kind found, each naming its file and field.
// (The site's layout runs them too, so `astro dev` reports them on the first page it serves.)
import type { AstroIntegration } from 'astro';
import { buildRouteHooks } from './build-routes.ts';

export function contentChecks(): AstroIntegration {
  return {
    name: 'dbweek:content-checks',
    hooks: buildRouteHooks({
      // A file name, not a folder: the site's trailingSlash: 'always' would otherwise redirect it.
      pattern: '/_build/content-checks.txt',
      entrypoint: new URL('./content-checks-route.ts', import.meta.url),
      receive: () => {},
    }),
  };
}
