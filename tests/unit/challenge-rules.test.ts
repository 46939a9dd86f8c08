// Challenges through their HTTP routes (Fastify's inject, a real store, the server's clock in the test's hands), on
// SQLite and on PostgreSQL: a whole play scored by the server, and every refusal (a forged score, an answer after
// the deadline, a replayed answer, a wrong report token, bad input of every kind) leaving the stored data as it was.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { API, GRACE_MS, PREVIEW_MS, type Created, type Report, type Screen } from '../../src/challenge/contract.ts';
import { bankOf } from '../../src/server/challenges/bank.ts';
import { challengeRoutes } from '../../src/server/challenges/routes.ts';
import { openStore, type ChallengeStore } from '../../src/server/challenges/store.ts';
import { BANK, RIGHT, WRONG } from '../lib/challenge-bank.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../lib/postgres.ts';

const idOf = (prompt: string) => BANK.questions.find((q) => q.prompt === prompt)!.id;

function suite(open: () => Promise<ChallengeStore>) {
  let app: FastifyInstance;
  let store: ChallengeStore;
  let clock = Date.UTC(2026, 11, 4, 9);
  const DEADLINE = clock + 3600_000;

  before(async () => {
    store = await open();
    app = Fastify();
    await app.register(challengeRoutes, {
      store: async () => store,
      bank: () => bankOf(BANK, 'the test bank'),
      now: () => clock,
      retentionDays: 90,
    });
  });
  after(() => app.close());

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {} };
  };
  const lead = (token: string) => ({ authorization: `Bearer ${token}` });

  async function assign(count: number | 'all' = 'all', deadline = DEADLINE) {
    const { status, body } = await call('POST', API, { pack: 'all', count, timer: 20, deadline });
    assert.equal(status, 201, JSON.stringify(body));
    return body as unknown as Created;
  }
  async function join(pin: string, nickname: string) {
    const { status, body } = await call('POST', `${API}/${pin}/players`, { nickname });
    assert.equal(status, 201, JSON.stringify(body));
    return body['token'] as string;
  }
  async function deal(pin: string, token: string) {
    const { status, body } = await call('POST', `${API}/${pin}/next`, { token });
    assert.equal(status, 200, JSON.stringify(body));
    const screen = body as unknown as Extract<Screen, { type: 'question' }>;
    assert.equal(screen.type, 'question');
    return screen;
  }
  /** Deals the next question and moves the clock past its preview and `ms` into the answering. */
  async function ask(pin: string, token: string, ms = 1000) {
    const q = await deal(pin, token);
    clock += PREVIEW_MS + ms;
    return q;
  }

  test('a whole play: the server deals, times and scores; the report and the CSV say what was answered', async () => {
    const { pin, reportToken } = await assign();
    const token = await join(pin, 'Grace');
    const scores: number[] = [];
    for (let round = 0; round < 4; round++) {
      const q = await ask(pin, token, 2000);
      const id = idOf(q.prompt);
      const answer = round === 1 ? WRONG[id]! : RIGHT[id]!;
      const { status, body } = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer });
      assert.equal(status, 200, JSON.stringify(body));
      const result = body as unknown as Extract<Screen, { type: 'result' }>;
      // 2 s of a 20 s timer: round(1000 × (1 − 0.1 / 2)) = 950; the streak bonus from the second right answer in a row.
      assert.equal(result.points, round === 1 ? 0 : 950);
      scores.push(result.score);
    }
    assert.deepEqual(scores, [950, 950, 1900, 2950]);
    const finished = await call('POST', `${API}/${pin}/play`, { token });
    assert.equal(finished.body['type'], 'finished');
    const report = (await call('GET', `${API}/${pin}/report`, undefined, lead(reportToken))).body as unknown as Report;
    assert.deepEqual(
      report.players.map((p) => [p.nickname, p.score, p.correct, p.finished]),
      [['Grace', 2950, 3, true]],
    );
    assert.equal(report.questions.filter((q) => q.rightShare === 1).length, 3);
    const missed = report.questions.find((q) => q.rightShare === 0)!;
    assert.ok(missed.commonWrong, 'the wrong answer is named');
    const csv = await app.inject({ method: 'GET', url: `${API}/${pin}/report.csv`, headers: lead(reportToken) });
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(csv.body.trim().split('\n').length, 5);
  });

  test('a forged score (extra fields) is refused, naming the field, and nothing stored changes', async () => {
    const { pin } = await assign();
    const token = await join(pin, 'Mallory');
    const q = await ask(pin, token);
    const answer = RIGHT[idOf(q.prompt)]!;
    const stored = await store.dump();
    for (const forged of [
      { token, deal: q.deal, answer, score: 99999 },
      { token, deal: q.deal, answer, points: 1000, timeMs: 0 },
    ]) {
      const { status, body } = await call('POST', `${API}/${pin}/answers`, forged);
      assert.equal(status, 400);
      assert.equal(body['error'], 'bad-request');
      assert.match(String(body['message']), /score|points/);
    }
    // A deal id this player was never dealt, and an answer given before the answers opened.
    const other = await call('POST', `${API}/${pin}/answers`, { token, deal: '00000000-0000-4000-8000-000000000000', answer });
    assert.equal(other.status, 404);
    assert.deepEqual(await store.dump(), stored);
    // Another player's deal, answered with this player's token.
    const theirs = await ask(pin, await join(pin, 'Eager'));
    const before = await store.dump();
    const borrowed = await call('POST', `${API}/${pin}/answers`, { token, deal: theirs.deal, answer });
    assert.equal(borrowed.status, 404);
    assert.deepEqual(await store.dump(), before);
  });

  test('an answer given before the answers open is refused; nothing stored changes', async () => {
    const { pin } = await assign();
    const token = await join(pin, 'Quick');
    const q = await deal(pin, token);
    const stored = await store.dump();
    const { status, body } = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer: RIGHT[idOf(q.prompt)] });
    assert.equal(status, 409);
    assert.equal(body['error'], 'not-open');
    assert.deepEqual(await store.dump(), stored);
  });

  test('an answer after the deadline is refused, and says so; nothing stored changes', async () => {
    const { pin, reportToken } = await assign('all', clock + 120_000);
    const token = await join(pin, 'Late');
    const q = await ask(pin, token);
    clock += 120_000;
    const stored = await store.dump();
    const { status, body } = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer: RIGHT[idOf(q.prompt)] });
    assert.equal(status, 410);
    assert.equal(body['error'], 'expired');
    assert.match(String(body['message']), /deadline .* has passed/);
    const joinLate = await call('POST', `${API}/${pin}/players`, { nickname: 'Later' });
    assert.equal(joinLate.status, 410);
    assert.deepEqual(await store.dump(), stored);
    const info = await call('GET', `${API}/${pin}`);
    assert.equal(info.body['state'], 'expired');
    // The lead still reads the report.
    assert.equal((await call('GET', `${API}/${pin}/report`, undefined, lead(reportToken))).status, 200);
  });

  test('a replayed answer counts once: the same answer again gets the stored result, a different one is refused', async () => {
    const { pin, reportToken } = await assign();
    const token = await join(pin, 'Retry');
    const q = await ask(pin, token);
    const id = idOf(q.prompt);
    const first = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer: RIGHT[id] });
    assert.equal(first.status, 200);
    const stored = await store.dump();
    clock += 5000;
    const again = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer: RIGHT[id] });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    const changed = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer: WRONG[id] });
    assert.equal(changed.status, 409);
    assert.equal(changed.body['error'], 'already-answered');
    assert.deepEqual(await store.dump(), stored);
    const report = (await call('GET', `${API}/${pin}/report`, undefined, lead(reportToken))).body as unknown as Report;
    assert.equal(report.answers.length, 1);
  });

  test('a wrong report token is refused for the report, the CSV, closing and deleting; nothing stored changes', async () => {
    const { pin, reportToken } = await assign();
    const other = await assign();
    const stored = await store.dump();
    const wrong = reportToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const headers of [lead(wrong), lead(other.reportToken), {}]) {
      for (const [method, url] of [
        ['GET', `${API}/${pin}/report`],
        ['GET', `${API}/${pin}/report.csv`],
        ['POST', `${API}/${pin}/close`],
        ['DELETE', `${API}/${pin}`],
      ] as const) {
        const { status, body } = await call(method, url, undefined, headers);
        assert.equal(status, 403, `${method} ${url}`);
        assert.equal(body['error'], 'bad-token');
      }
    }
    assert.deepEqual(await store.dump(), stored);
  });

  test('bad input: unknown PIN, bad and taken nicknames, malformed and oversized bodies, a foreign token; nothing stored changes', async () => {
    const { pin } = await assign();
    await join(pin, 'Alice');
    const stored = await store.dump();
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `${API}/999999/players`, { nickname: 'Bob' }, 404, 'no-challenge'],
      ['POST', `${API}/12ab/players`, { nickname: 'Bob' }, 404, 'no-challenge'],
      ['POST', `${API}/${pin}/players`, { nickname: '\u200b\u200b' }, 400, 'bad-nickname'],
      ['POST', `${API}/${pin}/players`, { nickname: 'x'.repeat(30) }, 400, 'bad-nickname'],
      ['POST', `${API}/${pin}/players`, { nickname: 'АLICE' }, 409, 'nickname-taken'],
      ['POST', `${API}/${pin}/players`, '{"nickname": ', 400, 'bad-json'],
      ['POST', `${API}/${pin}/players`, { nickname: 'y'.repeat(5000) }, 413, 'too-large'],
      ['POST', `${API}/${pin}/players`, { nickname: 42 }, 400, 'bad-request'],
      ['POST', `${API}/${pin}/play`, { token: 'A'.repeat(32) }, 403, 'bad-token'],
      ['POST', `${API}/${pin}/play`, { token: 'short' }, 400, 'bad-request'],
      ['POST', API, { pack: 'nope', count: 5, timer: 20, deadline: clock + 86_400_000 }, 400, 'bad-request'],
      ['POST', API, { pack: 'all', count: 5, timer: 21, deadline: clock + 86_400_000 }, 400, 'bad-request'],
      ['POST', API, { pack: 'all', count: 5, timer: 20, deadline: clock - 1 }, 400, 'bad-request'],
    ];
    for (const [method, url, body, status, error] of cases) {
      const response = await call(method as 'POST', url, body);
      assert.equal(response.status, status, `${url} ${JSON.stringify(body).slice(0, 40)}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body['error'], error);
      assert.ok(String(response.body['message']).length > 10);
    }
    const named = await call('POST', API, { pack: 'all', count: 5, timer: 21, deadline: clock + 86_400_000 });
    assert.equal(named.body['field'], 'timer');
    assert.deepEqual(await store.dump(), stored);
  });

  test('a time-up is stored once when the player comes back after the time ran out; a late answer counts as one', async () => {
    const { pin } = await assign();
    const token = await join(pin, 'Away');
    const first = await ask(pin, token);
    clock += 20_000 + GRACE_MS;
    const back = (await call('POST', `${API}/${pin}/play`, { token })).body as unknown as Extract<Screen, { type: 'result' }>;
    assert.equal(back.type, 'result');
    assert.equal(back.answer, null);
    assert.equal(back.points, 0);
    const late = await call('POST', `${API}/${pin}/answers`, { token, deal: first.deal, answer: RIGHT[idOf(first.prompt)] });
    assert.equal(late.status, 409, 'the time-up stands');
    const second = await ask(pin, token);
    clock += 20_000 + GRACE_MS;
    const given = await call('POST', `${API}/${pin}/answers`, { token, deal: second.deal, answer: RIGHT[idOf(second.prompt)] });
    assert.equal(given.body['late'], true);
    assert.equal(given.body['points'], 0);
  });

  test('closed early by the lead: no more answers; deleted: gone with all its data', async () => {
    const { pin, reportToken } = await assign();
    const token = await join(pin, 'Closer');
    const q = await ask(pin, token);
    assert.equal((await call('POST', `${API}/${pin}/close`, {}, lead(reportToken))).status, 200);
    const refused = await call('POST', `${API}/${pin}/answers`, { token, deal: q.deal, answer: RIGHT[idOf(q.prompt)] });
    assert.equal(refused.status, 410);
    assert.equal(refused.body['error'], 'closed');
    const over = await call('POST', `${API}/${pin}/play`, { token });
    assert.equal(over.body['type'], 'over');
    assert.equal((await call('DELETE', `${API}/${pin}`, undefined, lead(reportToken))).status, 204);
    assert.equal((await call('GET', `${API}/${pin}`)).status, 404);
    const dump = (await store.dump()) as { players: { nickname: string }[] };
    assert.ok(!dump.players.some((p) => p.nickname === 'Closer'));
  });
}

describe('challenge rules on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-rules-'));
  suite(() => openStore({ databaseUrl: undefined, dataDir: dir }));
  // After hooks run in the order declared: what the suite opened closes before its files go.
  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe('challenge rules on PostgreSQL', { skip: postgresMissing() ?? false }, () => {
  let pg: TestPostgres;
  before(async () => (pg = await startPostgres()));
  suite(() => openStore({ databaseUrl: pg.url }));
  // Declared after the suite's hooks, so its connections end before the server stops under them.
  after(() => pg?.stop());
});
