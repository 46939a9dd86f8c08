// Shared steps for end-to-end tests: axe in the page itself, in one or both themes, on one page or a walk of many.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { hex, token } from '../../src/diagrams/palette.ts';

/** WCAG 2.2 A and AA. */
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * The axe rules whose outcome depends on colour. A theme changes nothing else: tokens.css defines every colour
 * as light-dark() and the theme only sets color-scheme, so the DOM, names, roles and layout are the same in both
 * (tests/output/themes.test.ts keeps that true of the built CSS).
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf-8');

/**
 * axe-core put into the page once per document. Its internal queue runs on setTimeout: on a page whose clock a
 * test has paused (Playwright's clock, as the quiz tests use), those timers would wait for the test to move time,
 * and moving it would fire the page's own timers too. So axe gets the browser's real timers, which Playwright's
 * clock keeps beside the fake ones (`__pwClock.builtins`), and the page's time stands still while axe runs.
 */
const INJECT = `(() => {
  if (window.axe) return;
  const timers = globalThis.__pwClock?.builtins ?? globalThis;
  if (Date.isFake && !globalThis.__pwClock?.builtins) throw new Error('axe helper: the page clock is fake but its real timers are not reachable');
  (function (setTimeout, clearTimeout, setInterval, clearInterval) {
${AXE_SOURCE}
  }).call(window, timers.setTimeout, timers.clearTimeout, timers.setInterval, timers.clearInterval);
})()`;

/**
 * axe put into every document the page opens, as it loads, instead of on the first check. For a page whose main
 * thread must stay free while it is checked: compiling axe takes seconds on a loaded machine, and a host page whose
 * clock a test has paused cannot reconnect if its socket misses a heartbeat meanwhile. Call after `clock.install()`.
 */
export async function preloadAxe(page: Page) {
  await page.addInitScript(INJECT);
}

interface Finding {
  id: string;
  help: string;
  targets: string[];
}

/** axe's violations on the page as it is now, one line per rule with up to five elements. */
export async function axeFindings(
  page: Page,
  options: { include?: string | undefined; rules?: readonly string[] | undefined } = {},
): Promise<string[]> {
  await page.evaluate(INJECT);
  const findings = await page.evaluate(
    async ({ include, rules, wcag }) => {
      // Every page is one document: axe here covers all of it. A frame would need axe inside it too.
      if (document.querySelector('iframe'))
        throw new Error(`axe helper: ${location.pathname} has an iframe, which it does not check`);
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const results = await axe.run(include ? { include: [include] } : document, {
        runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: wcag },
        // Details only for what fails: collecting every passing node costs as much as the checks.
        resultTypes: ['violations'],
      });
      return results.violations.map((v): Finding => ({
        id: v.id,
        help: v.help,
        // Each element with what axe measured (a contrast failure names both colours: which theme each came from).
        targets: v.nodes.slice(0, 5).map((n) => [n.target.join(' '), n.any[0]?.message].filter(Boolean).join(': ')),
      }));
    },
    { include: options.include, rules: options.rules ? [...options.rules] : undefined, wcag: WCAG },
  );
  return findings.map((f) => `${f.id}: ${f.help}\n  ${f.targets.join('\n  ')}`);
}

/**
 * Zero axe violations (WCAG 2.2 A and AA) on the page as it is now, or only `rules`, inside `include`.
 * `pausedClock` is accepted for older callers and no longer needed: axe runs on real timers (see INJECT).
 */
export async function expectNoAxeViolations(
  page: Page,
  options: { include?: string | undefined; pausedClock?: boolean; rules?: readonly string[] | undefined } = {},
) {
  expect(await axeFindings(page, options), `axe violations on ${page.url()}`).toEqual([]);
}

/** axe in one theme: every rule in the light theme, the colour rules in the dark one (see COLOUR_RULES). */
async function themeFindings(page: Page, scheme: 'light' | 'dark', include?: string): Promise<string[]> {
  await useScheme(page, scheme);
  const found = await axeFindings(page, { include, rules: scheme === 'dark' ? COLOUR_RULES : undefined });
  return found.map((f) => `${scheme}: ${f}`);
}

/** Every rule in the light theme, then the colour rules in the dark theme; the page is left in the light theme. */
export async function bothThemesFindings(page: Page, include?: string): Promise<string[]> {
  const found = [...(await themeFindings(page, 'light', include)), ...(await themeFindings(page, 'dark', include))];
  await useScheme(page, 'light');
  return found;
}

/**
 * The system's colour scheme, once the page shows it. Chromium returns from the emulation call with the text
 * already in the new scheme but the body's background (every token is light-dark()) still in the old one for up to
 * a few hundred milliseconds, frames included: axe run at once reads the dark theme's text on the light
 * background. So the switch waits until the body's background and text are the scheme's own, as tokens.css defines
 * them (light-dark(light, dark); the body is var(--bg) on var(--text) in every layout), polled from here (the page's
 * clock may be paused); the wait holds also when the scheme asked for is already the system's, for a page still
 * settling after its load. A stored theme (data-theme) overrides the system's: then nothing is awaited.
 */
async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  const want = `${token('text', scheme)} on ${token('bg', scheme)}`;
  // The body's text and background as the page computes them; under a stored theme, what is wanted (no wait).
  const worn = async () => {
    const colours = await page.evaluate(() => {
      if (document.documentElement.dataset['theme'] !== undefined) return null;
      const body = getComputedStyle(document.body);
      return [body.color, body.backgroundColor] as const;
    });
    return colours ? `${hex(colours[0])} on ${hex(colours[1])}` : want;
  };
  await expect.poll(worn, `the body's colours in the ${scheme} scheme`).toBe(want);
}

/**
 * axe in both themes, as the system setting chooses them: every rule in the light theme, then in the dark theme
 * the rules that read colour (the rest would check the same DOM again). Leaves the page in the light theme.
 */
export async function expectNoAxeViolationsInBothThemes(page: Page, options: { include?: string; pausedClock?: boolean } = {}) {
  expect(await bothThemesFindings(page, options.include), `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * One page walks many URLs, axe in both themes on each: one tab, no new context per URL. The emulated scheme
 * outlasts a navigation, so each page starts in the theme the last one ended in: one switch per page, not two (a
 * switch waits for the page to show it, see useScheme). Every URL is checked before the test fails, and the
 * failure lists them all.
 */
export async function expectNoAxeViolationsOnPages(page: Page, paths: readonly string[]) {
  const report: string[] = [];
  let order: ('light' | 'dark')[] = ['light', 'dark'];
  for (const path of paths) {
    await page.goto(path);
    for (const scheme of order) for (const finding of await themeFindings(page, scheme)) report.push(`${path} ${finding}`);
    order = order.toReversed();
  }
  expect(report).toEqual([]);
}

/** Sets the stored theme before any page script runs, as a returning visitor would have it. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((t) => localStorage.setItem('dbweek:theme', t), theme);
}

/**
 * A screenshot for a person to look at, never asserted on: none unless SHOTS names a folder
 * (`SHOTS=/tmp/shots npx playwright test …`). With `themes`, the page in the light and the dark theme
 * (`name-light.png`, `name-dark.png`), its own theme put back after.
 */
export async function saveShot(page: Page, name: string, options: { themes?: boolean; fullPage?: boolean } = {}) {
  const folder = process.env['SHOTS'];
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const fullPage = options.fullPage ?? false;
  if (!options.themes) {
    await page.screenshot({ path: join(folder, `${name}.png`), fullPage });
    return;
  }
  const setTheme = (theme: string | null) =>
    page.evaluate((t) => {
      if (t === null) delete document.documentElement.dataset['theme'];
      else document.documentElement.dataset['theme'] = t;
    }, theme);
  const before = await page.evaluate(() => document.documentElement.dataset['theme'] ?? null);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(theme);
    await page.screenshot({ path: join(folder, `${name}-${theme}.png`), fullPage });
  }
  await setTheme(before);
}
