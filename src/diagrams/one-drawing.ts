// One SVG per diagram that follows the theme. Mermaid bakes colours into its drawing, so the diagram is
// drawn twice (light and dark palette, same layout) and the two drawings are laid over each other:
// wherever they differ, the difference must be a colour, and that colour becomes the custom property of
// tokens.css that has exactly this light and dark value. The page then ships one drawing, not two.
import type { Element, ElementContent, Properties } from 'hast';
import { tokenFor } from './palette';

const COLOUR = /#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/g;

// SVG presentation attributes do not take var(); a colour that changes with the theme moves into style.
const PRESENTATION_COLOURS: Record<string, string> = {
  fill: 'fill',
  stroke: 'stroke',
  stopColor: 'stop-color',
  floodColor: 'flood-color',
  lightingColor: 'lighting-color',
  color: 'color',
};

export class DrawingMismatch extends Error {}

/** "rgba(1, 2, 3, 0.5)" → ["rgb(1, 2, 3)", 0.5]; other colours are opaque as far as this goes. */
function withoutAlpha(colour: string): [string, number] {
  const m = colour.match(/^rgba\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*([\d.]+)\s*\)$/);
  return m ? [`rgb(${m[1]}, ${m[2]}, ${m[3]})`, Number(m[4])] : [colour, 1];
}

/** What a colour that differs between the themes becomes: its token, or both values if no token has them. */
function themed(light: string, dark: string, unmatched: Set<string>): string {
  const token = tokenFor(light, dark);
  if (token) return `var(--${token.name})`;
  // A token seen through: Mermaid draws some backgrounds as the colour at half opacity.
  const [l, lightAlpha] = withoutAlpha(light);
  const [d, darkAlpha] = withoutAlpha(dark);
  const seenThrough = lightAlpha === darkAlpha ? tokenFor(l, d) : undefined;
  if (seenThrough) return `color-mix(in srgb, var(--${seenThrough.name}) ${lightAlpha * 100}%, transparent)`;
  unmatched.add(`${light} / ${dark}`);
  return `light-dark(${light}, ${dark})`;
}

/** Two texts equal but for colours → one text whose differing colours follow the theme. */
function mergeText(light: string, dark: string, unmatched: Set<string>, where: string): string {
  if (light === dark) return light;
  const lightParts = light.split(COLOUR);
  const darkParts = dark.split(COLOUR);
  const lightColours = light.match(COLOUR) ?? [];
  const darkColours = dark.match(COLOUR) ?? [];
  if (lightParts.length !== darkParts.length || lightParts.some((part, i) => part !== darkParts[i])) {
    const at = lightParts.findIndex((part, i) => part !== darkParts[i]);
    throw new DrawingMismatch(
      `${where}: the light and dark drawings differ in more than colour, near "${lightParts[at]?.slice(0, 60)}"`,
    );
  }
  return lightParts
    .map((part, i) => {
      if (i === lightColours.length) return part;
      const l = lightColours[i]!;
      const d = darkColours[i]!;
      return part + (l === d ? l : themed(l, d, unmatched));
    })
    .join('');
}

function mergeProperties(light: Properties, dark: Properties, unmatched: Set<string>, where: string): Properties {
  const keys = new Set([...Object.keys(light), ...Object.keys(dark)]);
  const merged: Properties = {};
  const moved: string[] = [];
  for (const key of keys) {
    const l = light[key];
    const d = dark[key];
    if (JSON.stringify(l) === JSON.stringify(d)) {
      merged[key] = l;
    } else if (typeof l === 'string' && typeof d === 'string' && key in PRESENTATION_COLOURS) {
      moved.push(`${PRESENTATION_COLOURS[key]}:${mergeText(l, d, unmatched, where)}`);
    } else if (typeof l === 'string' && typeof d === 'string' && key === 'style') {
      merged[key] = mergeText(l, d, unmatched, where);
    } else {
      throw new DrawingMismatch(`${where}: the light and dark drawings differ in the attribute "${key}"`);
    }
  }
  if (moved.length) merged.style = [merged.style, ...moved].filter(Boolean).join(';');
  return merged;
}

function mergeNode(light: ElementContent, dark: ElementContent, unmatched: Set<string>, where: string): ElementContent {
  if (light.type === 'text' && dark.type === 'text') {
    return { type: 'text', value: mergeText(light.value, dark.value, unmatched, where) };
  }
  if (light.type === 'element' && dark.type === 'element') return mergeElement(light, dark, unmatched, where);
  if (light.type === dark.type) return light;
  throw new DrawingMismatch(`${where}: the light and dark drawings differ in structure`);
}

function mergeElement(light: Element, dark: Element, unmatched: Set<string>, where: string): Element {
  if (light.tagName !== dark.tagName || light.children.length !== dark.children.length) {
    throw new DrawingMismatch(`${where}: the light and dark drawings differ in structure at <${light.tagName}>`);
  }
  return {
    type: 'element',
    tagName: light.tagName,
    properties: mergeProperties(light.properties, dark.properties, unmatched, where),
    children: light.children.map((child, i) => mergeNode(child, dark.children[i]!, unmatched, where)),
  };
}

/**
 * The light and dark drawings of one diagram as one SVG coloured by the site's tokens. Returns the
 * colour pairs that no token matched (drawn with light-dark() instead), so the caller can insist on none.
 */
export function oneDrawing(light: Element, dark: Element, where: string): { svg: Element; unmatched: string[] } {
  const unmatched = new Set<string>();
  const svg = mergeElement(light, dark, unmatched, where);
  return { svg, unmatched: [...unmatched] };
}
