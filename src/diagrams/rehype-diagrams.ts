// Turns ```mermaid code blocks into figures holding build-time SVG, drawn by the official mermaid
// package in headless Chromium (mermaid-isomorphic). Readers get no Mermaid JavaScript at all.
//
// Each diagram is drawn twice, in a light and a dark theme; CSS shows the one matching the site's
// theme (the toggle, or the system setting). Drawings are cached on disk by source, theme and
// Mermaid version, so an unchanged diagram is not drawn again.
//
// Search: the SVGs are kept out of the Pagefind index (data-pagefind-ignore), because each label
// would be indexed twice (two themes) and as fragments without sentences. The words a search needs
// are in the caption and the text description (Mermaid's accDescr), which are indexed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMermaidRenderer, type MermaidRenderer, type RenderResult } from 'mermaid-isomorphic';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { optimize } from 'svgo';
import { chromium, type Browser, type BrowserType } from 'playwright';
import { launchOptions } from './chromium';

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
const CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'dbweek-diagrams');
const MERMAID_VERSION = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/mermaid/package.json'), 'utf-8')).version;

/** For the benchmark: drawings made in the browser and taken from the cache, and the time spent on diagrams. */
const stats = { drawn: 0, cached: 0, ms: 0 };
const STATS_FILE = join(CACHE_DIR, 'last-build.json');
const saveStats = () => {
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(STATS_FILE, JSON.stringify(stats));
};

// One browser for the whole build. mermaid-isomorphic closes its browser whenever it falls idle, which
// between two MDX files would mean a new Chromium per file; handing it a browser whose close() is a
// no-op keeps one alive until the build process ends (Playwright closes it on exit).
let shared: Promise<Browser> | undefined;
const oneBrowser = {
  launch: async () => {
    shared ??= chromium.launch(launchOptions());
    const browser = await shared;
    return new Proxy(browser, {
      get: (target, key) => (key === 'close' ? async () => {} : Reflect.get(target, key, target)),
    });
  },
} as unknown as BrowserType;
let renderer: MermaidRenderer | undefined;
const getRenderer = () => (renderer ??= createMermaidRenderer({ browserType: oneBrowser }));

// Mermaid's "base" theme, coloured like the site: the only Mermaid theme whose colours can all be set.
// Pie slices get explicit, distinct colours with dark-on-light (or light-on-dark) labels.
const PALETTE = {
  light: {
    background: '#ffffff',
    primaryColor: '#e8f0fc',
    primaryTextColor: '#1b1d22',
    primaryBorderColor: '#0b57b5',
    secondaryColor: '#fdf3dc',
    secondaryTextColor: '#1b1d22',
    secondaryBorderColor: '#8a6a00',
    tertiaryColor: '#f2f4f7',
    tertiaryTextColor: '#1b1d22',
    tertiaryBorderColor: '#8a8f99',
    lineColor: '#4f5560',
    textColor: '#1b1d22',
    edgeLabelBackground: '#ffffff',
    clusterBkg: '#f2f4f7',
    clusterBorder: '#8a8f99',
    titleColor: '#1b1d22',
    pie1: '#8ab8ff',
    pie2: '#ffd37a',
    pie3: '#9be08a',
    pie4: '#f7a1ad',
    pieSectionTextColor: '#1b1d22',
    pieLegendTextColor: '#1b1d22',
    pieTitleTextColor: '#1b1d22',
    pieStrokeColor: '#1b1d22',
    pieOuterStrokeColor: '#1b1d22',
  },
  dark: {
    darkMode: true,
    background: '#1d2027',
    primaryColor: '#26344d',
    primaryTextColor: '#eceef2',
    primaryBorderColor: '#8ab8ff',
    secondaryColor: '#3d3320',
    secondaryTextColor: '#eceef2',
    secondaryBorderColor: '#ffb870',
    tertiaryColor: '#262a33',
    tertiaryTextColor: '#eceef2',
    tertiaryBorderColor: '#8a8f99',
    lineColor: '#b4bac5',
    textColor: '#eceef2',
    edgeLabelBackground: '#1d2027',
    clusterBkg: '#262a33',
    clusterBorder: '#8a8f99',
    titleColor: '#eceef2',
    pie1: '#1f5fae',
    pie2: '#8a5a00',
    pie3: '#2b6b1f',
    pie4: '#8f2637',
    pieSectionTextColor: '#ffffff',
    pieLegendTextColor: '#eceef2',
    pieTitleTextColor: '#eceef2',
    pieStrokeColor: '#eceef2',
    pieOuterStrokeColor: '#eceef2',
  },
} as const;

function mermaidConfig(theme: Theme) {
  return {
    theme: 'base',
    themeVariables: { ...PALETTE[theme], fontFamily: 'system-ui, sans-serif', fontSize: '15px' },
    fontFamily: 'system-ui, sans-serif',
    // Plain SVG text (not HTML in foreignObject): valid markup, sharp at any zoom, printable.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    securityLevel: 'strict',
  } as const;
}

interface Drawing {
  svg: string;
  width: number;
  height: number;
}

async function draw(source: string, theme: Theme, id: string, where: string): Promise<Drawing> {
  const key = createHash('sha256')
    .update(`${MERMAID_VERSION}\n${JSON.stringify(mermaidConfig(theme))}\n${id}\n${source}`)
    .digest('hex');
  const cached = join(CACHE_DIR, `${key}.json`);
  const start = performance.now();
  if (existsSync(cached)) {
    stats.cached++;
    const drawing = JSON.parse(readFileSync(cached, 'utf-8')) as Drawing;
    stats.ms += performance.now() - start;
    saveStats();
    return drawing;
  }
  const [result] = await getRenderer()([source], { mermaidConfig: mermaidConfig(theme), prefix: `${id}-${theme}` });
  stats.ms += performance.now() - start;
  if (!result || result.status === 'rejected') {
    const reason = result?.reason instanceof Error ? result.reason.message : String(result?.reason);
    throw new Error(`${where}: Mermaid could not draw this diagram: ${reason}`);
  }
  const { svg, width, height } = result.value as RenderResult;
  const drawing = { svg: minify(svg), width: Math.ceil(width), height: Math.ceil(height) };
  stats.drawn++;
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(drawing));
  saveStats();
  return drawing;
}

/**
 * Shrinks the SVG: path data and numbers. Ids stay as Mermaid wrote them (several diagrams share a
 * page, and aria-labelledby points at them), and so do role and aria-*.
 */
function minify(svg: string): string {
  return optimize(svg, {
    multipass: true,
    // Only plugins that leave elements, classes and ids alone: Mermaid's <style> selects on them (a
    // rect turned into a path lost the dark theme's edge-label background, and with it the contrast).
    plugins: [
      'removeComments',
      'removeMetadata',
      'cleanupNumericValues',
      'convertPathData',
      'removeEmptyAttrs',
      'removeEmptyText',
    ],
  }).data;
}

function caption(meta: string | undefined): string | undefined {
  return meta?.match(/caption="([^"]+)"/)?.[1];
}

function accessibleText(source: string, field: 'accTitle' | 'accDescr'): string | undefined {
  return source.match(new RegExp(`^\\s*${field}\\s*:\\s*(.+)$`, 'm'))?.[1]?.trim();
}

export default function rehypeDiagrams() {
  return async (tree: Root, file: { path?: string; history?: string[] }) => {
    const path = (file.path ?? file.history?.[0] ?? 'unknown file').replace(`${process.cwd()}/`, '');
    const found: Array<{ pre: Element; parent: Element | Root; index: number; source: string; meta: string | undefined }> = [];
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || index === undefined || !parent) return;
      const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const classes = code?.properties?.className;
      if (!code || !Array.isArray(classes) || !classes.includes('language-mermaid')) return;
      const meta = (code.data as { meta?: string } | undefined)?.meta ?? (code.properties?.metastring as string | undefined);
      found.push({ pre: node, parent: parent as Element | Root, index, source: toString(code), meta });
    });

    for (const [n, { parent, index, source, meta }] of found.entries()) {
      const label = caption(meta);
      const where = `${path}, diagram ${n + 1}${label ? ` ("${label}")` : ''}`;
      const title = accessibleText(source, 'accTitle');
      const description = accessibleText(source, 'accDescr');
      if (!label) throw new Error(`${where}: a diagram needs a caption: \`\`\`mermaid caption="…"`);
      if (!title || !description) throw new Error(`${where}: a diagram needs accTitle and accDescr lines`);
      const id = `diagram-${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
      const drawings = await Promise.all(THEMES.map((t) => draw(source, t, id, where)));
      const variants: ElementContent[] = drawings.map((d, i) => {
        const svg = d.svg
          .replace(/^<svg\b/, `<svg width="${d.width}" height="${d.height}"`)
          .replace(/\sstyle="max-width:[^"]*"/, '');
        return {
          type: 'element',
          tagName: 'div',
          properties: { className: ['diagram__variant'], dataVariant: THEMES[i] },
          children: fromHtml(svg, { fragment: true, space: 'svg' }).children as ElementContent[],
        };
      });
      const size = `--w:${drawings[0]!.width}px;--h:${drawings[0]!.height}px`;
      const text = (value: string): ElementContent => ({ type: 'text', value });
      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['diagram'], id },
        children: [
          // Fitted to the column; the Enlarge button (DiagramViewer) shows it full size in a dialog.
          {
            type: 'element',
            tagName: 'div',
            properties: { className: ['diagram__frame'], dataPagefindIgnore: '', style: size },
            children: variants,
          },
          {
            type: 'element',
            tagName: 'figcaption',
            properties: {},
            children: [
              text(label),
              text(' '),
              {
                type: 'element',
                tagName: 'button',
                properties: {
                  type: 'button',
                  className: ['diagram__enlarge'],
                  dataEnlarge: '',
                  hidden: true,
                  ariaLabel: `Enlarge diagram: ${title}`,
                },
                children: [text('Enlarge')],
              },
              {
                type: 'element',
                tagName: 'details',
                properties: { className: ['diagram__text'] },
                children: [
                  { type: 'element', tagName: 'summary', properties: {}, children: [text('Text description')] },
                  { type: 'element', tagName: 'p', properties: {}, children: [text(description)] },
                ],
              },
            ],
          },
        ],
      };
      (parent.children as ElementContent[])[index] = figure;
    }
  };
}
