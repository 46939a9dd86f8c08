// From what someone types to what search asks Pagefind: question words, aliases, unknown words, near misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteWords, parseQuery } from '../../src/search/query.ts';
import { withoutHeading, markTerms } from '../../src/search/excerpt.ts';

// A small vocabulary in the shape the index step writes (dist/pagefind/vocabulary.json).
const site = new SiteWords({
  words: Object.fromEntries(
    'aurora amazon read replicas replica write quorum qldb blockchain managed elasticsearch service dynamodb latency snowball capacity min s backtrack window'
      .split(' ')
      .map((w, i) => [w, 40 - i]),
  ),
  names: [
    { display: 'Aurora', url: '/services/aurora/', kind: 'service', forms: ['aurora', 'amazon aurora'] },
    {
      display: 'Elasticsearch Service',
      url: '/services/elasticsearch-service/',
      kind: 'service',
      forms: ['elasticsearch service', 'es'],
    },
    { display: 'DynamoDB', url: '/services/dynamodb/', kind: 'service', forms: ['dynamodb', 'dynamo'] },
    { display: 'Quorum', url: '/glossary/#quorum', kind: 'term', forms: ['quorum', 'write quorum'] },
  ],
  thin: [],
});

test('question words and connectors are left out, so they never stop a match', () => {
  const q = parseQuery('How many read replicas does Aurora allow?', site);
  assert.deepEqual(q.terms, ['read', 'replicas', 'aurora']);
  assert.deepEqual(q.leftOut, ['how', 'many', 'does', 'allow']);
  assert.deepEqual(parseQuery('qldb vs blockchain', site).terms, ['qldb', 'blockchain']);
});

test('an alias the site never writes is searched as the name it stands for; one it writes stays as typed', () => {
  const es = parseQuery('es', site);
  assert.deepEqual(es.terms, ['elasticsearch', 'service']);
  assert.deepEqual(es.rewrites, [{ from: 'es', to: 'Elasticsearch Service' }]);
  assert.equal(es.servicePage, '/services/elasticsearch-service/');
  assert.deepEqual(parseQuery('dynamo latency', site).terms, ['dynamodb', 'latency']);
  const quorum = parseQuery('write quorum', site);
  assert.deepEqual(quorum.terms, ['write', 'quorum']);
  assert.deepEqual(quorum.rewrites, []);
});

test('a word on no page finds nothing, even when a word it begins with exists', () => {
  for (const word of ['zzqxv', 'minxyz', 'sxq']) {
    const q = parseQuery(word, site);
    assert.equal(q.nothing, true, word);
    assert.deepEqual(q.unknown, [word]);
  }
  // Someone still typing: a beginning of a site word is known.
  assert.equal(parseQuery('backtr', site).nothing, false);
});

test('a near miss of a name is offered as the name, written as the site writes it', () => {
  const q = parseQuery('aroura', site);
  assert.equal(q.nothing, true);
  assert.equal(q.suggestion, 'Aurora');
  assert.equal(parseQuery('aroura backtrack', site).suggestion, 'Aurora backtrack');
});

test('an unknown word with nothing near it is left out when other words remain', () => {
  const q = parseQuery('aurora flurble', site);
  assert.equal(q.nothing, false);
  assert.deepEqual(q.terms, ['aurora']);
  assert.deepEqual(q.unknown, ['flurble']);
});

test('a service page comes first only when the query is just its name', () => {
  assert.equal(parseQuery('what is aurora', site).servicePage, '/services/aurora/');
  assert.equal(parseQuery('aurora backtrack', site).servicePage, undefined);
});

test('excerpts drop the heading they repeat, and keep their marks whole', () => {
  assert.equal(
    withoutHeading('Storage and <mark>replication</mark> Aurora keeps six copies', 'Storage and replication'),
    'Aurora keeps six copies',
  );
  assert.equal(withoutHeading('Aurora keeps six copies', 'Storage and replication'), 'Aurora keeps six copies');
  const pieces = markTerms('Aurora allows 15 read replicas.', ['read', 'replicas']);
  assert.deepEqual(
    pieces.filter((p) => p.mark).map((p) => p.text),
    ['read', 'replicas'],
  );
  assert.equal(pieces.map((p) => p.text).join(''), 'Aurora allows 15 read replicas.');
});
