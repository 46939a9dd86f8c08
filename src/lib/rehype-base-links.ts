// Content links are written from the site's root ("/services/aurora/"); under a base path
// (BASE_PATH=/database-week/) they get the prefix here, so the notes never have to know where they are published.
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export default function rehypeBaseLinks({ base = '/' }: { base?: string } = {}) {
  const prefix = base.replace(/\/?$/, '/');
  return (tree: Root) => {
    if (prefix === '/') return;
    visit(tree, 'element', (node: Element) => {
      for (const attribute of ['href', 'src'] as const) {
        const value = node.properties?.[attribute];
        if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(prefix)) {
          node.properties[attribute] = prefix + value.slice(1);
        }
      }
    });
  };
}
