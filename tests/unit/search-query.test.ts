// From what someone types to what search asks Pagefind: question words, aliases, unknown words, near misses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteWords, parseQuery } from '../../src/search/query.ts';
import { withoutHeading, markTerms } from '../../src/search/excerpt.ts';
import { comparisonOf, mayAnswer, sinceOf, type AnswerFact, type AnswersData } from '../../src/search/answers.ts';

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

// Answer cards: a few facts and notes in the shape /search-answers.json holds.
const fact = (id: string, statement: string, about: string[], topic = 'features'): AnswerFact => ({
  id,
  statement,
  voice: 'speaker',
  voiceLabel: 'Speaker',
  source: 'A talk › A section',
  href: `/sessions/x/#${id}`,
  topic,
  about,
});
const QLDB = '/services/qldb/';
const AMB = '/services/managed-blockchain/';
const ES = '/services/elasticsearch-service/';
const answers: AnswersData = {
  facts: [
    fact('qldb-vs-amb', 'QLDB is a different thing from Managed Blockchain.', [QLDB, AMB]),
    fact('both-named', 'QLDB and Managed Blockchain were both on a slide.', [QLDB, AMB]),
    fact('qldb-owner', 'A QLDB ledger belongs to one trusted authority.', [QLDB]),
    fact('qldb-new', 'QLDB was fairly new.', [QLDB], 'overview'),
    fact('amb-owners', 'Managed Blockchain is owned jointly.', [AMB]),
  ],
  since: [
    {
      id: 'rename',
      title: 'Elasticsearch Service renamed OpenSearch Service',
      date: '2021-09-08',
      dateText: '8 September 2021',
      change: 'Renamed.',
      source: 'https://docs.aws.amazon.com/x',
      href: '/since/#since-rename',
      about: [ES],
      now: ['amazon', 'opensearch', 'service'],
    },
  ],
};
const qldb = { display: 'QLDB', url: QLDB, kind: 'service' as const };
const amb = { display: 'Managed Blockchain', url: AMB, kind: 'service' as const };
const es = { display: 'Elasticsearch Service', url: ES, kind: 'service' as const };

test('the query keeps every word typed and the names it matched, for the answer cards', () => {
  const q = parseQuery('Aurora vs DynamoDB', site);
  assert.deepEqual(q.words, ['aurora', 'vs', 'dynamodb']);
  assert.deepEqual(
    q.names.map((n) => n.display),
    ['Aurora', 'DynamoDB'],
  );
  // A word asking what became of something is the question's shape: never corrected, never a stop.
  const r = parseQuery('what replaced elasticsearch service', site);
  assert.equal(r.nothing, false);
  assert.ok(r.leftOut.includes('replaced'));
});

test('two names and a comparing word make a comparison; facts that contrast them are told apart from facts that only name both', () => {
  for (const words of [
    ['qldb', 'vs', 'managed', 'blockchain'],
    ['difference', 'between', 'qldb', 'and', 'managed', 'blockchain'],
    ['qldb', 'or', 'managed', 'blockchain'],
  ]) {
    const c = comparisonOf(words, [qldb, amb], answers);
    assert.ok(c, words.join(' '));
    assert.deepEqual(
      c.compared.map((f) => f.id),
      ['qldb-vs-amb'],
    );
    assert.deepEqual(
      c.together.map((f) => f.id),
      ['both-named'],
    );
    assert.deepEqual(
      c.sides.map((s) => s.facts.map((f) => f.id)),
      [['qldb-new', 'qldb-owner'], ['amb-owners']],
    );
    assert.deepEqual(
      c.sides.map((s) => s.total),
      [4, 3],
    );
  }
  // Two names without a comparing word, or one name twice, are no comparison.
  assert.equal(comparisonOf(['qldb', 'managed', 'blockchain', 'owners'], [qldb, amb], answers), undefined);
  assert.equal(comparisonOf(['qldb', 'vs', 'qldb'], [qldb, qldb], answers), undefined);
  // Nothing contrasts the two: the card has no compared facts, and says so.
  const none = comparisonOf(['qldb', 'vs', 'managed', 'blockchain'], [qldb, amb], {
    ...answers,
    facts: answers.facts.filter((f) => f.id !== 'qldb-vs-amb'),
  });
  assert.deepEqual(none?.compared, []);
});

test('a question about what replaced or renamed a service finds its since-then note; so does the name of today', () => {
  assert.deepEqual(
    sinceOf(['what', 'replaced', 'elasticsearch'], [es], answers).map((n) => n.id),
    ['rename'],
  );
  assert.deepEqual(
    sinceOf(['opensearch'], [es], answers).map((n) => n.id),
    ['rename'],
  );
  // The service named without such a word, or such a word without the service: no note.
  assert.deepEqual(sinceOf(['elasticsearch', 'latency'], [es], answers), []);
  assert.deepEqual(sinceOf(['what', 'replaced', 'qldb'], [qldb], answers), []);
});

test('the answer cards’ data is fetched only for a query that may call for a card', () => {
  const ask = (raw: string) => {
    const q = parseQuery(raw, site);
    return mayAnswer(q.words, q.names);
  };
  assert.equal(ask('aurora vs dynamodb'), true);
  assert.equal(ask('what replaced elasticsearch service'), true);
  assert.equal(ask('es'), true, 'a name typed as another of its names');
  assert.equal(ask('aurora'), false);
  assert.equal(ask('aurora backtrack window'), false);
  assert.equal(ask('read replicas'), false);
});
