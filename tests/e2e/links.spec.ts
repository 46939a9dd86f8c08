// Every internal link and #anchor of the build resolves, including the quiz's source links and the
// section anchors search results point at. External links are listed, never fetched.
import { expect, test } from '@playwright/test';
import { html } from '../lib/dist.ts';
import { allLinks, brokenReason } from '../lib/links.ts';

test('every internal link and anchor on every built page resolves', () => {
  const { internal, external } = allLinks();
  expect(internal.length).toBeGreaterThan(1000);
  const broken = internal.flatMap((link) => {
    const reason = brokenReason(link);
    return reason ? [`${link.from} → ${link.href}: ${reason}`] : [];
  });
  expect([...new Set(broken)]).toEqual([]);
  // Listed for the reader of the test report; never requested.
  test
    .info()
    .annotations.push({ type: 'external links', description: [...new Set(external.map((l) => l.href))].join(' ') || 'none' });
});

test("every quiz question's source link lands on an existing section", () => {
  const bank = JSON.parse(html('quiz/index.html').match(/<script type="application\/json" data-bank>([\s\S]*?)<\/script>/)![1]!);
  expect(bank.questions.length).toBeGreaterThanOrEqual(60);
  const broken = bank.questions.flatMap((q: { id: string; sourceHref: string }) => {
    expect(q.sourceHref).toMatch(/^\/sessions\/[a-z0-9-]+\/#[a-z0-9-]+$/);
    const reason = brokenReason({ from: '/quiz/', href: q.sourceHref });
    return reason ? [`${q.id}: ${reason}`] : [];
  });
  expect(broken).toEqual([]);
});
