// Shared steps for end-to-end tests.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 A and AA, plus axe's best practices that concern structure. */
export async function expectNoAxeViolations(
  page: Page,
  options: { include?: string; pausedClock?: boolean; rules?: readonly string[] } = {},
) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']);
  if (options.rules) builder = builder.withRules([...options.rules]);
  if (options.include) builder = builder.include(options.include);
  const analysis = builder.analyze();
  // On a page whose clock the test has paused, axe's own timers wait too: move time on in small steps until
  // it is done (a few hundred milliseconds of page time, far below any phase's timer). The clock is the
  // context's, so it also reaches the blank page axe opens to finish its run, which may close mid-step.
  let done = !options.pausedClock;
  void analysis.finally(() => (done = true)).catch(() => {});
  while (!done) await page.clock.runFor(10).catch(() => {});
  const { violations } = await analysis;
  const summary = violations.map(
    (v) =>
      `${v.id}: ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n  ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * The axe rules whose outcome depends on colour. A theme changes nothing else: tokens.css defines every colour
 * as light-dark() and the theme only sets color-scheme, so the DOM, names, roles and layout are the same in both.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

/**
 * axe in both themes, as the system setting chooses them: every rule in the light theme, then in the dark theme
 * the rules that read colour (the rest would check the same DOM again). Leaves the page in the light theme.
 */
export async function expectNoAxeViolationsInBothThemes(page: Page, options: { include?: string; pausedClock?: boolean } = {}) {
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page, options);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page, { ...options, rules: COLOUR_RULES });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Sets the stored theme before any page script runs, as a returning visitor would have it. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((t) => localStorage.setItem('dbweek:theme', t), theme);
}
