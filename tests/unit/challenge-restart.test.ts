// Nothing acknowledged is lost: a real server process (src/server/main.ts) takes an answer, is SIGKILLed before
// the next one, starts again on the same data, takes the second answer, and the report holds both; a retry of
// the first answer after the restart counts once. On SQLite (the file under DATA_DIR) and on PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API, type Report, type Screen } from '../../src/challenge/contract.ts';
import { BANK, RIGHT, WRONG, writeBank } from '../lib/challenge-bank.ts';
import { startLive, type LiveProcess } from '../lib/live-process.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../lib/postgres.ts';

type Question = Extract<Screen, { type: 'question' }>;

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls where the player is until the answers of the dealt question are open (the server's preview is over). */
async function whenOpen(base: string, pin: string, token: string): Promise<Question> {
  for (;;) {
    const { body } = await post(base, `${API}/${pin}/play`, { token });
    const screen = body as unknown as Question;
    assert.equal(screen.type, 'question');
    if (screen.opensInMs === 0) return screen;
    await new Promise((resolve) => setTimeout(resolve, Math.min(screen.opensInMs, 200)));
  }
}

function scenario(env: () => Record<string, string>) {
  test('SIGKILL between two answers, then a restart: both acknowledged answers are in the report, a retry counts once', async () => {
    const server: LiveProcess = await startLive(env());
    try {
      const created = await post(server.url, API, { pack: 'all', count: 'all', timer: 60, deadline: Date.now() + 3600_000 });
      assert.equal(created.status, 201);
      const { pin, reportToken } = created.body as { pin: string; reportToken: string };
      const token = ((await post(server.url, `${API}/${pin}/players`, { nickname: 'Survivor' })).body as { token: string }).token;
      const idOf = (q: Question) => BANK.questions.find((b) => b.prompt === q.prompt)!.id;

      await post(server.url, `${API}/${pin}/next`, { token });
      const first = await whenOpen(server.url, pin, token);
      const firstBody = { token, deal: first.deal, answer: RIGHT[idOf(first)] };
      const acked = await post(server.url, `${API}/${pin}/answers`, firstBody);
      assert.equal(acked.status, 200);
      assert.equal(acked.body['correct'], true);

      await server.kill('SIGKILL');
      await server.restart();

      // The player's retry of the first answer (the acknowledgement was lost with the connection): same result.
      const retry = await post(server.url, `${API}/${pin}/answers`, firstBody);
      assert.equal(retry.status, 200);
      assert.deepEqual(retry.body, acked.body);

      await post(server.url, `${API}/${pin}/next`, { token });
      const second = await whenOpen(server.url, pin, token);
      const ackedSecond = await post(server.url, `${API}/${pin}/answers`, {
        token,
        deal: second.deal,
        answer: WRONG[idOf(second)],
      });
      assert.equal(ackedSecond.status, 200);

      await server.kill('SIGKILL');
      await server.restart();

      const report = (await (
        await fetch(`${server.url}${API}/${pin}/report`, { headers: { authorization: `Bearer ${reportToken}` } })
      ).json()) as Report;
      assert.deepEqual(
        report.answers.map((a) => [a.nickname, a.round, a.questionId, a.correct]),
        [
          ['Survivor', 0, idOf(first), true],
          ['Survivor', 1, idOf(second), false],
        ],
      );
      assert.equal(report.players[0]!.score, acked.body['score']);
    } finally {
      await server.kill('SIGKILL');
    }
  });
}

const bank = writeBank();

describe('answers survive SIGKILL on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbweek-kill-'));
  scenario(() => ({ DATA_DIR: dir, CHALLENGE_BANK: bank, DATABASE_URL: '' }));
  // After hooks run in the order declared: what the scenario opened closes before its files go.
  after(() => rmSync(dir, { recursive: true, force: true }));
});

describe('answers survive SIGKILL on PostgreSQL', { skip: postgresMissing() ?? false }, () => {
  let pg: TestPostgres;
  before(async () => (pg = await startPostgres()));
  scenario(() => ({ DATABASE_URL: pg.url, CHALLENGE_BANK: bank }));
  // Declared after the scenario's hooks, so its connections end before the server stops under them.
  after(() => pg?.stop());
});
