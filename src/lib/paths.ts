// Every internal URL goes through here, so the site works under any base path (BASE_PATH=/database-week/ for a
// GitHub Pages project site): Astro's BASE_URL always ends with "/" here (trailingSlash: 'always').
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** "/sessions/x/" → "/database-week/sessions/x/" under a base path; unchanged at the root. */
export const withBase = (path: string) => `${BASE}${path.replace(/^\//, '')}`;

export const exportHref = {
  deck: withBase('/exports/quiz-deck.txt'),
  factsJson: withBase('/exports/facts.json'),
  factsCsv: withBase('/exports/facts.csv'),
} as const;
