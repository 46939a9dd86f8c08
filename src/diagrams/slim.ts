// Page weight of the drawings. Mermaid gives every SVG its own copy of the same stylesheet (scoped to the
// SVG's id) and every arrowhead it might need; a page with eight flowcharts carried eight copies. Here
// each kind of diagram keeps one stylesheet per page, scoped to its kind instead of its id (a <style>
// inside an SVG applies to the whole document, wherever the SVG sits, the enlarged view included),
// each drawing keeps only the markers it uses, a label is one <tspan> per line, not one per word, and
// Mermaid's data-* bookkeeping goes.
import type { Element, ElementContent, Text } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

const isElement = (node: ElementContent): node is Element => node.type === 'element';

/** Drops <marker> definitions that nothing in this drawing points at. */
export function dropUnusedMarkers(svg: Element): void {
  const used = new Set<string>();
  visit(svg, 'element', (node: Element) => {
    for (const value of Object.values(node.properties)) {
      if (typeof value !== 'string') continue;
      for (const m of value.matchAll(/url\(#([^)]+)\)/g)) used.add(m[1]!);
    }
  });
  visit(svg, 'element', (node: Element) => {
    node.children = node.children.filter(
      (child) => !(isElement(child) && child.tagName === 'marker' && !used.has(String(child.properties.id))),
    );
  });
}

const POSITIONED = ['x', 'y', 'dx', 'dy', 'rotate', 'textLength'];

/**
 * Joins runs of word <tspan>s with the same attributes and no position of their own: they flow as one
 * text either way, so the drawing looks the same with a fraction of the markup.
 */
export function joinWordSpans(svg: Element): void {
  visit(svg, 'element', (node: Element) => {
    const joined: ElementContent[] = [];
    for (const child of node.children) {
      const last = joined.at(-1);
      const plain = (e: ElementContent): e is Element =>
        isElement(e) &&
        e.tagName === 'tspan' &&
        e.children.every((c) => c.type === 'text') &&
        !POSITIONED.some((p) => p in e.properties);
      if (last && plain(last) && plain(child) && JSON.stringify(last.properties) === JSON.stringify(child.properties)) {
        const text = (e: Element) => e.children.map((c) => (c as Text).value).join('');
        last.children = [{ type: 'text', value: text(last) + text(child) }];
      } else {
        joined.push(child);
      }
    }
    node.children = joined;
  });
}

/** Drops Mermaid's data-* bookkeeping (edge points in base64, ids, looks): nothing on the page reads it. */
export function dropDataAttributes(svg: Element): void {
  visit(svg, 'element', (node: Element) => {
    for (const key of Object.keys(node.properties)) if (/^data[A-Z]/.test(key)) delete node.properties[key];
  });
}

/** Mermaid's stylesheet for a drawing, rewritten to select the kind of diagram rather than one SVG. */
function styleOfKind(css: string, svgId: string, kind: string): string {
  const scope = `svg[aria-roledescription="${kind}"]`;
  return (
    css
      // The "neo" look is never used here, and its rules point at one SVG's own gradient.
      .replace(/[^{}]*\[data-look="neo"\][^{}]*\{[^{}]*\}/g, '')
      .replaceAll(`#${svgId}`, scope)
  );
}

/**
 * One stylesheet per kind of diagram on the page: the first drawing of a kind keeps it, the others lose
 * theirs. Drawings must come in page order.
 */
export function shareStyles(svgs: Element[]): void {
  const kept = new Set<string>();
  for (const svg of svgs) {
    const svgId = String(svg.properties.id);
    const kind = String(svg.properties.ariaRoleDescription ?? '');
    if (!kind) continue;
    visit(svg, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'style' || !parent || index === undefined) return;
      const text = node.children.find((c): c is Text => c.type === 'text');
      if (!text) return;
      const css = styleOfKind(text.value, svgId, kind);
      if (kept.has(css)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      kept.add(css);
      text.value = css;
      return SKIP;
    });
  }
}
