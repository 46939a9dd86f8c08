// The challenge store's contract, one suite run on both implementations: SQLite in a temporary folder and a
// PostgreSQL cluster of the test's own (skipped, with the reason, only where PostgreSQL is not installed).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  openStore,
  type ChallengeRow,
  type ChallengeStore,
  type DealRow,
  type PlayerRow,
} from '../../src/server/challenges/store.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../lib/postgres.ts';

const challenge = (over: Partial<ChallengeRow> = {}): ChallengeRow => ({
  id: randomUUID(),
  pin: String(100000 + Math.floor(Math.random() * 900000)),
  reportHash: 'ab'.repeat(32),
  pack: 'all',
  packLabel: 'Everything',
  questionIds: ['q1', 'q2'],
  timer: 20,
  createdAt: 1_000,
  deadline: 10_000,
  closedAt: null,
  ...over,
});
const player = (challengeId: string, over: Partial<PlayerRow> = {}): PlayerRow => ({
  id: randomUUID(),
  challengeId,
  nickname: 'Ada',
  nicknameKey: 'ada',
  tokenHash: randomUUID(),
  joinedAt: 2_000,
  ...over,
});
const deal = (c: ChallengeRow, p: PlayerRow, round: number): DealRow => ({
  id: randomUUID(),
  challengeId: c.id,
  playerId: p.id,
  round,
  questionId: c.questionIds[round]!,
  dealtAt: 3_000 + round,
  resolvedAt: null,
  answer: null,
  correct: null,
  points: null,
  bonus: null,
  timeMs: null,
});

function contract(open: () => Promise<ChallengeStore>) {
  let store: ChallengeStore;
  before(async () => (store = await open()));
  after(() => store.end());

  test('a challenge is found by its PIN, with every field as written; a second one with the same PIN is refused', async () => {
    const c = challenge({ deadline: Date.UTC(2030, 0, 1) });
    assert.equal(await store.createChallenge(c), true);
    assert.deepEqual(await store.challengeByPin(c.pin), c);
    assert.equal(await store.createChallenge(challenge({ pin: c.pin })), false);
    assert.equal(await store.challengeByPin('000000'), undefined);
  });

  test('nicknames are unique per challenge on their key, not across challenges', async () => {
    const a = challenge();
    const b = challenge();
    await store.createChallenge(a);
    await store.createChallenge(b);
    const ada = player(a.id);
    assert.equal(await store.addPlayer(ada), true);
    assert.equal(await store.addPlayer(player(a.id, { nickname: 'ADA' })), false);
    assert.equal(await store.addPlayer(player(b.id)), true);
    assert.deepEqual(await store.playerByToken(a.id, ada.tokenHash), ada);
    assert.equal(await store.playerByToken(b.id, ada.tokenHash), undefined);
    assert.deepEqual(await store.seat(a.pin, ada.tokenHash), { challenge: a, player: ada });
    assert.equal(await store.seat(b.pin, ada.tokenHash), undefined);
    assert.deepEqual(
      (await store.players(a.id)).map((p) => p.nickname),
      ['Ada'],
    );
  });

  test('one deal per player and round; a deal resolves once, and the first resolution stays', async () => {
    const c = challenge();
    await store.createChallenge(c);
    const p = player(c.id);
    await store.addPlayer(p);
    const first = deal(c, p, 0);
    assert.equal(await store.addDeal(first), true);
    assert.equal(await store.addDeal({ ...deal(c, p, 0) }), false);
    const resolution = {
      resolvedAt: 5_000,
      answer: '{"type":"true-false","value":true}',
      correct: true,
      points: 950,
      bonus: 0,
      timeMs: 1200,
    };
    assert.equal(await store.resolveDeal(first.id, resolution), true);
    assert.equal(await store.resolveDeal(first.id, { ...resolution, points: 1000, correct: false }), false);
    assert.equal(await store.resolveDeal(randomUUID(), resolution), false);
    assert.deepEqual(await store.dealsOf(p.id), [{ ...first, ...resolution }]);
    assert.equal(await store.addDeal(deal(c, p, 1)), true);
    const deals = await store.deals(c.id);
    assert.deepEqual(
      deals.map((d) => [d.round, d.resolvedAt === null]),
      [
        [0, false],
        [1, true],
      ],
    );
  });

  test('closing sets the time once; deleting removes the challenge with its players and deals', async () => {
    const c = challenge();
    await store.createChallenge(c);
    const p = player(c.id);
    await store.addPlayer(p);
    await store.addDeal(deal(c, p, 0));
    assert.equal(await store.close(c.id, 7_000), true);
    assert.equal(await store.close(c.id, 8_000), false);
    assert.equal((await store.challengeByPin(c.pin))!.closedAt, 7_000);
    assert.equal(await store.delete(c.id), true);
    assert.equal(await store.challengeByPin(c.pin), undefined);
    assert.deepEqual(await store.players(c.id), []);
    assert.deepEqual(await store.deals(c.id), []);
    assert.equal(await store.delete(c.id), false);
  });

  test('expiry deletes only challenges whose deadline is before the cut, with their data', async () => {
    const old = challenge({ deadline: 50 });
    const kept = challenge({ deadline: 5_000_000 });
    await store.createChallenge(old);
    await store.createChallenge(kept);
    const p = player(old.id);
    await store.addPlayer(p);
    await store.addDeal(deal(old, p, 0));
    const pins = await store.expire(100);
    assert.ok(pins.includes(old.pin));
    assert.ok(!pins.includes(kept.pin));
    assert.equal(await store.challengeByPin(old.pin), undefined);
    assert.deepEqual(await store.dealsOf(p.id), []);
    assert.ok(await store.challengeByPin(kept.pin));
  });
}

describe('challenge store on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-sqlite-'));
  contract(() => openStore({ databaseUrl: undefined, dataDir: dir }));
  // After hooks run in the order they are declared: the contract's store closes first, then its files go.
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the migrations run once: opening the same file again finds the data and migrates nothing', async () => {
    const first = await openStore({ databaseUrl: undefined, dataDir: dir });
    const c = challenge();
    await first.createChallenge(c);
    await first.end();
    const again = await openStore({ databaseUrl: undefined, dataDir: dir });
    assert.deepEqual(await again.challengeByPin(c.pin), c);
    await again.end();
  });
});

describe('challenge store on PostgreSQL', { skip: postgresMissing() ?? false }, () => {
  let pg: TestPostgres;
  before(async () => (pg = await startPostgres()));
  contract(() => openStore({ databaseUrl: pg.url }));
  // Declared after the contract's hooks, so its store's connections end before the server stops under them.
  after(() => pg?.stop());

  test('the migrations run once, even when two processes start together', async () => {
    const [a, b] = await Promise.all([openStore({ databaseUrl: pg.url }), openStore({ databaseUrl: pg.url })]);
    const c = challenge();
    await a.createChallenge(c);
    assert.deepEqual(await b.challengeByPin(c.pin), c);
    await Promise.all([a.end(), b.end()]);
  });
});
