// Routes the build renders for its own use and never writes out: a check that must stop the build, or data an
// integration needs from the content layer (which only code built by Astro can read). Each is an endpoint
// injected in `astro build` only, taken out of the pages to write and rendered in memory before any page.
import type { AstroIntegration, AstroPrerenderer } from 'astro';

export interface BuildRoute {
  /** The route's pattern, with a file extension (e.g. "/_build/search-data.json"): trailingSlash does not apply to it. */
  pattern: string;
  /** The endpoint module (a GET handler). */
  entrypoint: URL;
  /** What to do with its answer; throwing stops the build with that error. */
  receive: (response: Response) => void | Promise<void>;
}

// Astro keeps one prerenderer, the last one set: every integration that adds a build route sets the same
// wrapper, over all the routes known by then (all of them by astro:build:start, after every config:setup).
const routes = new Map<string, BuildRoute>();

type Hooks = AstroIntegration['hooks'];

/** The hooks that inject `route` and render it in memory; spread them into an integration's hooks. */
export function buildRouteHooks(route: BuildRoute): Pick<Hooks, 'astro:config:setup' | 'astro:build:start'> {
  let base = '/';
  return {
    'astro:config:setup': ({ command, config, injectRoute }) => {
      if (command !== 'build') return;
      base = config.base;
      routes.set(route.pattern, route);
      injectRoute({ pattern: route.pattern, entrypoint: route.entrypoint, prerender: true });
    },
    'astro:build:start': ({ setPrerenderer }) => {
      setPrerenderer((prerenderer) => inMemory(prerenderer, [...routes.values()], base));
    },
  };
}

function inMemory(prerenderer: AstroPrerenderer, own: BuildRoute[], base: string): AstroPrerenderer {
  return {
    name: `${prerenderer.name}+build-routes`,
    setup: async () => prerenderer.setup?.(),
    getStaticPaths: async () => {
      const paths = await prerenderer.getStaticPaths();
      for (const route of own) {
        const path = paths.find((p) => p.route.route === route.pattern);
        if (!path) throw new Error(`build route ${route.pattern}: not among the routes to prerender`);
        const url = new URL(`${base.replace(/\/$/, '')}${path.pathname}`, 'http://build.invalid');
        const rendered = await prerenderer.render(new Request(url), { routeData: path.route });
        const response = rendered instanceof Response ? rendered : rendered.response;
        if (!response.ok) throw new Error(`${route.pattern}: ${response.status} ${await response.text()}`);
        await route.receive(response);
      }
      return paths.filter((p) => !own.some((route) => route.pattern === p.route.route));
    },
    render: (request, options) => prerenderer.render(request, options),
    ...(prerenderer.collectStaticImages && { collectStaticImages: () => prerenderer.collectStaticImages!() }),
    teardown: async () => prerenderer.teardown?.(),
  };
}
