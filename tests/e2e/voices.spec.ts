// Voices that label without noise: the legend is a one-line key that opens on demand and then stays as
// the reader left it; a label is not repeated by its sentence; the site's own words never wear a voice label.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const sessions = readdirSync('content/sessions').map((f) => {
  const source = readFileSync(`content/sessions/${f}`, 'utf-8');
  const notes = /^notes: (\w+)$/m.exec(source)![1];
  return { id: f.replace(/\.mdx$/, ''), notes };
});

test('the voice legend is a one-line key on a first visit, opens on demand, then stays as the reader left it', async ({
  page,
}) => {
  await page.goto('/sessions/amazon-aurora/');
  const legend = page.locator('details.legend');
  const summary = legend.getByText('Whose words?');
  await expect(legend).not.toHaveAttribute('open');
  await expect(legend.getByText('Unlabelled: the speaker')).toBeVisible();
  const box = (await legend.boundingBox())!;
  expect(box.height, 'folded, the key takes one line').toBeLessThanOrEqual(48);
  await expect(legend.getByText('Plain bullets: what the speaker said.')).toBeHidden();
  await summary.click();
  await expect(legend).toHaveAttribute('open', '');
  await expect(legend.getByText('Plain bullets: what the speaker said.')).toBeVisible();
  // The choice is stored on the details' toggle event, a task after the click: leave the page only once it is.
  const stored = () => page.evaluate(() => localStorage.getItem('dbweek:legend-open'));
  await expect.poll(stored).toBe('true');
  await page.goto('/sessions/database-migration-service/');
  await expect(legend).toHaveAttribute('open', '');
  await summary.click();
  await expect.poll(stored).toBe('false');
  await page.reload();
  await expect(legend).not.toHaveAttribute('open');
});

test('the legend still works when storage is unavailable', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/sessions/amazon-aurora/');
  const legend = page.locator('details.legend');
  await expect(legend).not.toHaveAttribute('open');
  await legend.getByText('Whose words?').click();
  await expect(legend).toHaveAttribute('open', '');
  expect(errors).toEqual([]);
});

test('a note-taker label is not repeated by its sentence', () => {
  for (const file of readdirSync('content/facts')) {
    for (const fact of load(readFileSync(`content/facts/${file}`, 'utf-8')) as {
      id: string;
      voice: string;
      statement: string;
    }[]) {
      if (fact.voice === 'note-taker') expect(fact.statement, fact.id).not.toMatch(/^(The|For the) note-taker/);
    }
  }
});

test('pages without notes speak in the site’s own words, with no voice label', async ({ page }) => {
  const empty = sessions.filter((s) => s.notes === 'none');
  expect(empty.length).toBe(6);
  for (const { id } of empty) {
    await page.goto(`/sessions/${id}/`);
    await expect(page.locator('main .about-notes').first()).toBeVisible();
    await expect(page.locator('main .voice-tag')).toHaveCount(0);
  }
});
