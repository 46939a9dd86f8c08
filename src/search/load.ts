// Loads Pagefind's Component UI once, on demand. `astro dev` serves the last build's index; before
// any build there is none, and the panel says so plainly instead of failing silently.
import { withBase } from '../lib/paths';

let loading: Promise<boolean> | undefined;

function addStylesheet(href: string) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

export async function loadPagefindUi(panelRoot: ParentNode): Promise<boolean> {
  loading ??= new Promise<boolean>((resolve) => {
    addStylesheet(withBase('/pagefind/pagefind-component-ui.css'));
    const script = document.createElement('script');
    script.src = withBase('/pagefind/pagefind-component-ui.js');
    script.onload = () => resolve(true);
    script.onerror = () => resolve(false);
    document.head.append(script);
  });
  const ok = await loading;
  if (!ok) {
    const notice = panelRoot.querySelector<HTMLElement>('.search-panel__notice');
    if (notice) {
      notice.hidden = false;
      notice.textContent =
        'Search needs the index that `npm run build` makes. Run `npm run build`, then `npm run preview` (or `npm start`).';
    }
  }
  return ok;
}

interface PagefindInstance {
  triggerSearch(term: string): void;
  on(event: 'search', callback: (term: string) => void): void;
}

/** The Component UI's shared instance, once its script has loaded. */
export function pagefindInstance(): PagefindInstance | undefined {
  const components = (window as unknown as { PagefindComponents?: { getInstanceManager(): { getInstance(): PagefindInstance } } })
    .PagefindComponents;
  return components?.getInstanceManager().getInstance();
}
