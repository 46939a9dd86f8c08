// Wraps each Markdown table in a focusable scroll container, so a wide table scrolls on its own
// on a phone instead of widening the page, and a keyboard user can scroll it too.
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

export default function rehypeScrollTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || index === undefined || !parent) return;
      if (parent.type === 'element' && (parent.properties?.className as string[] | undefined)?.includes('table-wrap')) return;
      const headers: string[] = [];
      visit(node, 'element', (cell: Element) => {
        if (cell.tagName === 'th') headers.push(toString(cell).trim());
      });
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: {
          className: ['table-wrap'],
          tabIndex: 0,
          role: 'region',
          ariaLabel: `Table: ${headers.filter(Boolean).slice(0, 3).join(', ') || 'data'}`,
        },
        children: [node],
      };
    });
  };
}
