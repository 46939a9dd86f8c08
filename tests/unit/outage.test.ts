// The publish queue that carries emissions through a Redis outage (src/server/live/outage.ts), against a link
// whose state the test sets and a publish that refuses as Redis does while it is down or loading.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdThroughOutages, isTransient, type Link } from '../../src/server/live/outage.ts';
import { until } from '../lib/live-clients.ts';

class FakeRedis implements Link {
  isOpen = true;
  isReady = true;
  /** While set, every command is refused with it. */
  refusal: Error | undefined;
  readonly stream: string[] = [];
  attempts = 0;

  publish = async (message: string): Promise<string> => {
    this.attempts++;
    await Promise.resolve();
    if (!this.isReady) throw Object.assign(new Error('Socket closed unexpectedly'), { name: 'SocketClosedUnexpectedlyError' });
    if (this.refusal) throw this.refusal;
    this.stream.push(message);
    return `${this.stream.length}-0`;
  };
}

const loading = () => new Error('LOADING Redis is loading the dataset in memory');
const fast = { firstWaitMs: 1, maxWaitMs: 5 };

test('publishes go straight through while Redis takes them', async () => {
  const redis = new FakeRedis();
  const publish = holdThroughOutages(redis, redis.publish, fast);
  assert.deepEqual(await Promise.all(['a', 'b', 'c'].map(publish)), ['1-0', '2-0', '3-0']);
  assert.deepEqual(redis.stream, ['a', 'b', 'c']);
});

test('refused while Redis loads, they go out once it is loaded, in the order they were made', async () => {
  const redis = new FakeRedis();
  const publish = holdThroughOutages(redis, redis.publish, fast);
  await publish('before');
  redis.refusal = loading();
  const during = ['question', 'answer 1', 'answer 2'].map(publish);
  await until(() => redis.attempts >= 4, 1_000, 'the first attempts refused');
  // Made after the refusals, while the queue still waits: it must not overtake them.
  const later = publish('results');
  redis.refusal = undefined;
  await Promise.all([...during, later]);
  assert.deepEqual(redis.stream, ['before', 'question', 'answer 1', 'answer 2', 'results']);
});

test('made while the connection is down, they wait, then go out in order, and the queue opens again', async () => {
  const redis = new FakeRedis();
  const publish = holdThroughOutages(redis, redis.publish, fast);
  redis.isReady = false;
  const held = ['a', 'b'].map(publish);
  // Back, but still loading: the first attempts are refused.
  redis.isReady = true;
  redis.refusal = loading();
  const c = publish('c');
  await until(() => redis.attempts >= 3, 1_000, 'a few attempts refused');
  assert.deepEqual(redis.stream, []);
  redis.refusal = undefined;
  await Promise.all([...held, c]);
  assert.deepEqual(redis.stream, ['a', 'b', 'c']);
  await publish('d');
  assert.deepEqual(redis.stream, ['a', 'b', 'c', 'd']);
});

test('a refusal no retry can cure is passed on at once, and does not hold the others', async () => {
  const redis = new FakeRedis();
  const publish = holdThroughOutages(redis, redis.publish, fast);
  redis.refusal = new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
  await assert.rejects(publish('x'), /WRONGTYPE/);
  redis.refusal = undefined;
  assert.equal(await publish('y'), '1-0');
});

test('beyond the cap the oldest held publish is given up and said once; a closed client gives up the rest', async () => {
  const redis = new FakeRedis();
  const drops: number[] = [];
  const publish = holdThroughOutages(redis, redis.publish, { ...fast, maxHeld: 2, onDrop: (n) => drops.push(n) });
  redis.isReady = false;
  const [a, b, c] = ['a', 'b', 'c'].map((m) =>
    publish(m).then(
      () => 'sent',
      (e: Error) => e.message,
    ),
  );
  assert.match(await a!, /given up/);
  redis.isReady = true;
  assert.deepEqual(await Promise.all([b, c]), ['sent', 'sent']);
  assert.deepEqual(redis.stream, ['b', 'c']);
  assert.deepEqual(drops, [1]);

  redis.isReady = false;
  const d = publish('d');
  redis.isOpen = false;
  await assert.rejects(d, /closed/);
});

test('what counts as worth retrying', () => {
  const up: Link = { isOpen: true, isReady: true };
  assert.equal(isTransient(loading(), up), true);
  assert.equal(isTransient(new Error('BUSY Redis is busy running a script'), up), true);
  assert.equal(isTransient(new Error('WRONGTYPE Operation against a key'), up), false);
  assert.equal(isTransient(new Error('anything'), { isOpen: true, isReady: false }), true);
  assert.equal(isTransient(loading(), { isOpen: false, isReady: false }), false);
});
