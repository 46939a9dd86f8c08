// Brings a search panel to life on first use: ui.ts, its engine and Pagefind load only then, so pages
// carry none of that code before search is opened.
import type { SearchPanel } from './ui.ts';

const mounted = new WeakMap<HTMLElement, Promise<SearchPanel | undefined>>();

/** Mounts the panel once (later calls return the same one); `syncUrl` keeps query and filters in the address. */
export function activateSearch(panel: HTMLElement, options: { syncUrl: boolean }): Promise<SearchPanel | undefined> {
  let ready = mounted.get(panel);
  if (!ready) {
    ready = import('./ui.ts').then(({ mountSearch }) => mountSearch(panel, options));
    mounted.set(panel, ready);
  }
  return ready;
}
