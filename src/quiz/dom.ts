// A tiny element builder for the quiz view. Text always goes in as text nodes, never as HTML,
// so nothing from the question bank can become markup at run time.
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') element.className = String(value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

const SHAPES = {
  triangle: 'M12 3 22 20H2Z',
  diamond: 'M12 2 22 12 12 22 2 12Z',
  circle: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Z',
  square: 'M3 3h18v18H3Z',
} as const;

/** Kahoot's four answer colours, each with its shape so colour is never the only cue. */
export const TILES = [
  { colour: 'red', shape: 'triangle' },
  { colour: 'blue', shape: 'diamond' },
  { colour: 'yellow', shape: 'circle' },
  { colour: 'green', shape: 'square' },
] as const;

export function shape(name: keyof typeof SHAPES): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'tile__shape');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', SHAPES[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
