// Every internal link and #anchor of the build resolves, including the quiz's source links and the
// section anchors search results point at. External links are listed, never fetched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html } from '../lib/dist.ts';
import { allLinks, brokenReason } from '../lib/links.ts';

test('every internal link and anchor on every built page resolves', (t) => {
  const { internal, external } = allLinks();
  assert.ok(internal.length > 1000, `${internal.length} internal links`);
  const broken = internal.flatMap((link) => {
    const reason = brokenReason(link);
    return reason ? [`${link.from} → ${link.href}: ${reason}`] : [];
  });
  assert.deepEqual([...new Set(broken)], []);
  // Listed for the reader of the test report; never requested.
  const hosts = new Set(external.map((l) => new URL(l.href).host));
  t.diagnostic(`${new Set(external.map((l) => l.href)).size} external links, to ${[...hosts].join(', ') || 'nowhere'}`);
});

test("every quiz question's source link lands on an existing section", () => {
  const bank = JSON.parse(html('quiz/index.html').match(/<script type="application\/json" data-bank>([\s\S]*?)<\/script>/)![1]!);
  assert.ok(bank.questions.length >= 60);
  const broken = bank.questions.flatMap((q: { id: string; sourceHref: string }) => {
    assert.match(q.sourceHref, /^\/sessions\/[a-z0-9-]+\/#[a-z0-9-]+$/);
    const reason = brokenReason({ from: '/quiz/', href: q.sourceHref });
    return reason ? [`${q.id}: ${reason}`] : [];
  });
  assert.deepEqual(broken, []);
});
