// Turns ```mermaid code blocks into figures holding build-time SVG, drawn by the official mermaid
// package in headless Chromium (mermaid-isomorphic). Readers get no Mermaid JavaScript at all.
//
// Each diagram is drawn twice, with the light and the dark values of the site's colour tokens, and the
// page ships one SVG whose colours are those tokens (one-drawing.ts), so it follows the theme in CSS.
// Drawings are cached on disk by source, theme config and Mermaid version, so an unchanged diagram is
// not drawn again.
//
// Search: the SVGs are kept out of the Pagefind index (data-pagefind-ignore): their labels are
// fragments without sentences. The words a search needs are in the caption and the text description
// (Mermaid's accDescr), which are indexed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMermaidRenderer, type MermaidRenderer, type RenderResult } from 'mermaid-isomorphic';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { optimize } from 'svgo';
import { chromium, type Browser, type BrowserType } from 'playwright';
import { launchOptions } from './chromium';
import { token, type Theme } from './palette';
import { oneDrawing } from './one-drawing';
import { dropDataAttributes, dropUnusedMarkers, joinWordSpans, shareStyles } from './slim';

/** Where drawings are cached; "-v2" since a drawing no longer depends on the id of its theme. */
const CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'dbweek-diagrams-v2');
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

// Mermaid's "base" theme (the only one whose colours can all be set), coloured by the site's tokens.
// Pie text is drawn larger than the rest: a pie keeps its fixed 450-unit size, so on a phone it is
// scaled down further than a flowchart is.
function mermaidConfig(theme: Theme) {
  const c = (name: string) => token(name, theme);
  return {
    theme: 'base',
    themeVariables: {
      darkMode: theme === 'dark',
      background: c('surface'),
      primaryColor: c('diagram-node'),
      primaryTextColor: c('text'),
      primaryBorderColor: c('diagram-node-border'),
      secondaryColor: c('diagram-alt'),
      secondaryTextColor: c('text'),
      secondaryBorderColor: c('diagram-alt-border'),
      tertiaryColor: c('diagram-group'),
      tertiaryTextColor: c('text'),
      tertiaryBorderColor: c('diagram-group-border'),
      lineColor: c('muted'),
      arrowheadColor: c('muted'),
      textColor: c('text'),
      edgeLabelBackground: c('surface'),
      clusterBkg: c('diagram-group'),
      clusterBorder: c('diagram-group-border'),
      titleColor: c('text'),
      pie1: c('diagram-slice-1'),
      pie2: c('diagram-slice-2'),
      pie3: c('diagram-slice-3'),
      pie4: c('diagram-slice-4'),
      pieSectionTextColor: c('diagram-slice-text'),
      pieLegendTextColor: c('text'),
      pieTitleTextColor: c('text'),
      pieStrokeColor: c('text'),
      pieOuterStrokeColor: c('text'),
      pieTitleTextSize: '26px',
      pieSectionTextSize: '24px',
      pieLegendTextSize: '22px',
      fontFamily: 'system-ui, sans-serif',
      fontSize: '15px',
    },
    fontFamily: 'system-ui, sans-serif',
    // Plain SVG text (not HTML in foreignObject): valid markup, sharp at any zoom, printable.
    htmlLabels: false,
    // Narrow by design: labels wrap at 120 units and boxes sit closer than Mermaid's default, so a
    // top-to-bottom chart stays within the 440 units that a 375 px phone shows with text at 11 px or more.
    flowchart: { htmlLabels: false, wrappingWidth: 120, nodeSpacing: 30, rankSpacing: 40 },
    securityLevel: 'strict',
  } as const;
}

interface Drawing {
  svg: string;
  width: number;
  height: number;
}

/** One diagram to draw: its Mermaid source, the id its drawing takes, and where it is for an error message. */
interface Wanted {
  source: string;
  id: string;
  where: string;
}

/** Ids in a batch until each drawing is given its own (Mermaid numbers the diagrams of one page from 0). */
const BATCH_PREFIX = 'dbweek-batch';

/**
 * Every diagram of a file in one theme: from the cache, or drawn together in one browser page (one page load and
 * one start of Mermaid for the file, not one per drawing). Each drawing's ids are then made its own, as if it had
 * been drawn alone with its id as the prefix.
 */
async function drawAll(wanted: Wanted[], theme: Theme): Promise<Drawing[]> {
  const start = performance.now();
  const keys = wanted.map(({ source, id }) =>
    createHash('sha256')
      .update(`${MERMAID_VERSION}\n${JSON.stringify(mermaidConfig(theme))}\n${id}\n${source}`)
      .digest('hex'),
  );
  const files = keys.map((key) => join(CACHE_DIR, `${key}.json`));
  const drawings: (Drawing | undefined)[] = files.map((file) =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf-8')) as Drawing) : undefined,
  );
  stats.cached += drawings.filter(Boolean).length;
  const missing = wanted.flatMap((_, i) => (drawings[i] ? [] : [i]));
  if (missing.length) {
    const results = await getRenderer()(
      missing.map((i) => wanted[i]!.source),
      { mermaidConfig: mermaidConfig(theme), prefix: BATCH_PREFIX },
    );
    mkdirSync(CACHE_DIR, { recursive: true });
    missing.forEach((i, k) => {
      const result = results[k];
      const { id, where } = wanted[i]!;
      if (!result || result.status === 'rejected') {
        const reason = result?.reason instanceof Error ? result.reason.message : String(result?.reason);
        throw new Error(`${where}: Mermaid could not draw this diagram: ${reason}`);
      }
      const { svg, width, height } = result.value as RenderResult;
      const own = svg.replace(new RegExp(`${BATCH_PREFIX}-${k}(?!\\d)`, 'g'), `${id}-0`);
      const drawing = { svg: minify(own), width: Math.ceil(width), height: Math.ceil(height) };
      drawings[i] = drawing;
      stats.drawn++;
      // Written aside, then renamed into place: builds side by side (the fixture builds, the site's) share this
      // cache, and one must never read another's drawing half written.
      const aside = `${files[i]!}.${process.pid}.tmp`;
      writeFileSync(aside, JSON.stringify(drawing));
      renameSync(aside, files[i]!);
    });
  }
  stats.ms += performance.now() - start;
  saveStats();
  return drawings as Drawing[];
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

/** A cached drawing as a hast <svg>, sized by its width and height attributes (no layout shift). */
function parseSvg({ svg, width, height }: Drawing): Element {
  const sized = svg.replace(/^<svg\b/, `<svg width="${width}" height="${height}"`).replace(/\sstyle="max-width:[^"]*"/, '');
  const root = fromHtml(sized, { fragment: true, space: 'svg' });
  const element = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  if (!element) throw new Error('Mermaid returned no <svg>');
  return element;
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

    const svgs: Element[] = [];
    const wanted = found.map(({ source, meta }, n): Wanted & { label: string; title: string; description: string } => {
      const label = caption(meta);
      const where = `${path}, diagram ${n + 1}${label ? ` ("${label}")` : ''}`;
      const title = accessibleText(source, 'accTitle');
      const description = accessibleText(source, 'accDescr');
      if (!label) throw new Error(`${where}: a diagram needs a caption: \`\`\`mermaid caption="…"`);
      if (!title || !description) throw new Error(`${where}: a diagram needs accTitle and accDescr lines`);
      const id = `diagram-${createHash('sha256').update(source).digest('hex').slice(0, 8)}`;
      return { source, id, where, label, title, description };
    });
    const [lights, darks] = await Promise.all([drawAll(wanted, 'light'), drawAll(wanted, 'dark')]);
    for (const [n, { parent, index }] of found.entries()) {
      const { where, id, label, title, description } = wanted[n]!;
      const [light, dark] = [lights[n]!, darks[n]!];
      const { svg, unmatched } = oneDrawing(parseSvg(light), parseSvg(dark), where);
      if (unmatched.length) {
        throw new Error(
          `${where}: Mermaid drew colours that are not tokens of src/styles/tokens.css (light / dark): ${unmatched.join(', ')}`,
        );
      }
      svgs.push(svg);
      const size = `--w:${light.width}px;--h:${light.height}px`;
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
            children: [svg],
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
    svgs.forEach(dropUnusedMarkers);
    svgs.forEach(joinWordSpans);
    svgs.forEach(dropDataAttributes);
    shareStyles(svgs);
  };
}
