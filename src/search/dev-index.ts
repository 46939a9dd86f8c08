// In `astro dev` there is no search index of its own: serve the last build's (<outDir>/pagefind/), so search
// works while writing. Without a build, the search panel says that one is needed.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export function devSearchIndex(): AstroIntegration {
  let root = '';
  return {
    name: 'dev-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = join(fileURLToPath(config.outDir), 'pagefind');
      },
      'astro:server:setup': ({ server, logger }) => {
        if (!existsSync(root)) logger.warn('No search index yet: run `npm run build` once and search will work in dev too.');
        server.middlewares.use('/pagefind', (req, res, next) => {
          const file = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
          if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return next();
          res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
    },
  };
}
