// The live game model without a browser: everyone answers at once and is scored by the solo rules; the players
// are frozen when the server acknowledges the start; a room of 250 settles; what is stored parses back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  askedCount,
  begin,
  closesAt,
  everyoneAnswered,
  liveGame,
  newGame,
  next,
  openAnswers,
  readyEndsAt,
  receive,
  screenFor,
  screensOf,
  seat,
  settle,
  standings,
  started,
  type LiveGame,
} from '../../src/live/game.ts';
import { answerRows, hardest, playerRows, questionRows, resultsCsv } from '../../src/live/host/results.ts';
import { answerPoints, streakBonus } from '../../src/quiz/scoring.ts';
import type { Answer, Question } from '../../src/quiz/types.ts';

const common = {
  session: 'amazon-aurora',
  explanation: 'Because.',
  sourceHref: '/sessions/amazon-aurora/#storage',
  points: 'standard' as const,
};
const tf = (id: string): Question => ({ ...common, id, prompt: `${id}?`, type: 'true-false', answer: true });
const QUESTIONS = [tf('one'), tf('two'), tf('three')];
const OPTIONS = {
  pack: 'all',
  count: 'all' as const,
  timer: 20 as const,
  mode: 'timed' as const,
  texts: true,
  getReady: 0,
  lateJoin: true,
};
const RIGHT: Answer = { type: 'true-false', value: true };
const WRONG: Answer = { type: 'true-false', value: false };

function room(names: string[]): LiveGame {
  let game = newGame('123456', 'h'.repeat(32), 'http://127.0.0.1/play/', OPTIONS);
  for (const [i, nickname] of names.entries()) game = seat(game, { id: `p${i}`, nickname, connected: true });
  return game;
}

function playing(names: string[], at = 1_000): LiveGame {
  const dealt = begin(room(names), QUESTIONS, 7);
  return started(dealt, dealt.seats, at);
}

test('simultaneous answers are each scored on the clock of the question, with the solo rules', () => {
  let game = playing(['Ada', 'Bo', 'Cy']);
  assert.equal(game.phase, 'question');
  // Arriving in any order: Cy first, then Ada, then Bo wrong.
  game = receive(game, 'p2', 0, RIGHT, 1_000 + 300);
  game = receive(game, 'p0', 0, RIGHT, 1_000 + 8_000);
  assert.equal(everyoneAnswered(game), false);
  game = receive(game, 'p1', 0, WRONG, 1_000 + 2_000);
  assert.equal(everyoneAnswered(game), true);
  game = settle(game);
  const limit = 20_000;
  const byName = Object.fromEntries(game.players.map((p) => [p.nickname, p]));
  assert.equal(byName['Cy']!.score, answerPoints('standard', true, 300, limit));
  assert.equal(byName['Ada']!.score, answerPoints('standard', true, 8_000, limit));
  assert.equal(byName['Bo']!.score, 0);
  assert.deepEqual(
    standings(game).map((s) => s.nickname),
    ['Cy', 'Ada', 'Bo'],
  );

  // Round two: streaks build as in solo play; a silent player runs out of time and loses the streak.
  game = next(game, 40_000);
  assert.equal(game.phase, 'leaderboard');
  game = next(game, 40_000);
  game = receive(game, 'p2', 1, RIGHT, 40_100);
  game = receive(game, 'p1', 1, RIGHT, 40_100);
  game = settle(game);
  const cy = game.players.find((p) => p.nickname === 'Cy')!;
  assert.equal(cy.streak, 2);
  assert.equal(cy.results[1]!.bonus, streakBonus(2));
  const ada = game.players.find((p) => p.nickname === 'Ada')!;
  assert.deepEqual([ada.streak, ada.results[1]!.answer, ada.results[1]!.time], [0, null, null]);
});

test('an answer twice, for another round, from a stranger or after the clock: dropped', () => {
  const game = playing(['Ada', 'Bo']);
  const once = receive(game, 'p0', 0, RIGHT, 1_500);
  assert.equal(receive(once, 'p0', 0, WRONG, 1_600), once, 'a second answer');
  assert.equal(receive(game, 'p0', 1, RIGHT, 1_500), game, 'the wrong round');
  assert.equal(receive(game, 'nobody', 0, RIGHT, 1_500), game, 'not a player');
  assert.equal(receive(game, 'p0', 0, RIGHT, closesAt(game)! + 1), game, 'after the clock');
  assert.equal(receive(game, 'p0', 0, { type: 'quiz', options: [0] }, 1_500), game, 'an answer of another type');
});

test('a seat that joins between the start and its acknowledgement plays; one after it does not', () => {
  const dealt = begin(room(['Ada']), QUESTIONS, 7);
  assert.equal(dealt.phase, 'starting');
  // Bo is seated while host:start is on its way; the server's acknowledgement lists him.
  const withBo = seat(dealt, { id: 'p1', nickname: 'Bo', connected: true });
  const game = started(withBo, withBo.seats, 5_000);
  assert.deepEqual(
    game.players.map((p) => p.nickname),
    ['Ada', 'Bo'],
  );
  assert.equal(game.openedAt, 5_000, 'the question opens when the start is acknowledged');
  assert.equal(screenFor(game, 'p1')?.type, 'question');
  // With late joining off, someone seen after the start (the server refused them) waits and is not scored.
  const closed = { ...game, options: { ...game.options, lateJoin: false } };
  const late = seat(closed, { id: 'p9', nickname: 'Late', connected: true });
  assert.equal(screenFor(late, 'p9')?.type, 'waiting');
  assert.equal(receive(late, 'p9', 0, RIGHT, 5_100), late);
  assert.equal(everyoneAnswered(receive(receive(late, 'p0', 0, RIGHT, 5_100), 'p1', 0, RIGHT, 5_100)), true);
});

test('a room of 250 answers at once: one settle scores everyone, and the stored game parses back', () => {
  const names = Array.from({ length: 250 }, (_, i) => `Player ${i + 1}`);
  let game = playing(names);
  for (let i = 0; i < 250; i++) game = receive(game, `p${i}`, 0, i % 2 ? RIGHT : WRONG, 1_000 + i * 10);
  assert.equal(everyoneAnswered(game), true);
  game = settle(game);
  assert.equal(game.players.filter((p) => p.correctCount === 1).length, 125);
  const table = standings(game);
  assert.equal(table[0]!.nickname, 'Player 2', 'the fastest right answer leads');
  assert.equal(table.at(-1)!.rank, 126, 'the 125 wrong share the last rank');
  const screen = screenFor(game, 'p1');
  assert.equal(screen?.type === 'result' && screen.rank, 1);
  // The whole room's screens at once: each phone's rank and the nearest score above it, as counted one by one.
  const screenOf = screensOf(game);
  for (const p of game.players) {
    const above = table.filter((s) => s.score > p.score).at(-1);
    const shown = screenOf(p.id);
    assert.ok(shown?.type === 'result');
    assert.equal(shown.rank, 1 + table.filter((s) => s.score > p.score).length, p.nickname);
    assert.deepEqual(shown.above, above && { nickname: above.nickname, gap: above.score - p.score }, p.nickname);
  }
  // What the host stores: parsed with its schema, equal after a round trip; a broken field names itself.
  assert.deepEqual(liveGame.parse(JSON.parse(JSON.stringify(game))), game);
  const broken = liveGame.safeParse({ ...game, players: [{ ...game.players[0], score: -5 }] });
  assert.equal(broken.success, false);
  assert.match(JSON.stringify(broken.error?.issues[0]?.path), /players.*score/);
});

test('get ready: the question shows alone, a tap then changes nothing, and speed counts from when the answers open', () => {
  const options = { ...OPTIONS, getReady: 5 };
  let game = newGame('123456', 'h'.repeat(32), 'http://127.0.0.1/play/', options);
  for (const [i, nickname] of ['Ada', 'Bo'].entries()) game = seat(game, { id: `p${i}`, nickname, connected: true });
  const dealt = begin(game, QUESTIONS, 7);
  game = started(dealt, dealt.seats, 1_000);
  assert.equal(game.phase, 'get-ready');
  assert.equal(game.openedAt, null);
  assert.equal(readyEndsAt(game), 6_000);
  assert.deepEqual(screenFor(game, 'p0'), { type: 'get-ready', round: 0, total: 3 });
  assert.equal(receive(game, 'p0', 0, RIGHT, 2_000), game, 'a tap during get-ready');
  // The host's timer fires late (a busy laptop): the answers open when it does, and time counts from then.
  game = openAnswers(game, 6_400);
  assert.equal(game.phase, 'question');
  assert.equal(closesAt(game), 6_400 + 20_000);
  assert.equal(screenFor(game, 'p0')?.type, 'question');
  game = settle(receive(receive(game, 'p0', 0, RIGHT, 7_400), 'p1', 0, RIGHT, 6_400));
  assert.deepEqual(
    game.players.map((p) => p.results[0]!.time),
    [1_000, 0],
  );
  // The next question gets ready too.
  game = next(next(game, 30_000), 30_000);
  assert.deepEqual([game.phase, game.round, game.readyAt, game.openedAt], ['get-ready', 1, 30_000, null]);
});

test('late joining: a latecomer gets a seat with 0 points and plays from the next question', () => {
  let game = playing(['Ada', 'Bo']);
  game = receive(game, 'p0', 0, RIGHT, 1_500);
  // Di arrives while question 1 is open: too late for it.
  game = seat(game, { id: 'p3', nickname: 'Di', connected: true });
  assert.equal(screenFor(game, 'p3')?.type, 'waiting');
  assert.equal(askedCount(game), 2);
  assert.equal(receive(game, 'p3', 0, RIGHT, 1_600), game, 'no answer to a question already open');
  game = receive(game, 'p1', 0, WRONG, 1_700);
  assert.equal(everyoneAnswered(game), true, 'the reveal does not wait for the latecomer');
  game = settle(game);
  const di = () => game.players.find((p) => p.nickname === 'Di')!;
  assert.deepEqual([di().score, di().results.length, di().results[0]!.late], [0, 1, true]);
  assert.equal(screenFor(game, 'p3')?.type, 'waiting', 'no result for a question not asked');
  assert.deepEqual(
    standings(game).map((s) => [s.nickname, s.rank]),
    [
      ['Ada', 1],
      ['Bo', 2],
      ['Di', 2],
    ],
  );
  // Question 2: Di plays it like everyone else.
  game = next(next(game, 10_000), 10_000);
  assert.equal(screenFor(game, 'p3')?.type, 'question');
  assert.equal(everyoneAnswered(receive(receive(game, 'p0', 1, RIGHT, 10_100), 'p1', 1, RIGHT, 10_100)), false);
  game = settle(receive(game, 'p3', 1, RIGHT, 10_200));
  assert.equal(di().results[1]!.correct, true);
  assert.ok(di().score > 0);
  assert.deepEqual(liveGame.parse(JSON.parse(JSON.stringify(game))), game);
  // Joining during get-ready: that question is still to come, so it is theirs.
  let ready = begin(room(['Ada']), QUESTIONS, 7);
  ready = started({ ...ready, options: { ...ready.options, getReady: 5 } }, ready.seats, 0);
  ready = seat(ready, { id: 'p5', nickname: 'Eve', connected: true });
  assert.deepEqual(screenFor(ready, 'p5'), { type: 'get-ready', round: 0, total: 3 });
});

test('the results to keep: a row per player and question, per player, per question, and the hardest first', () => {
  let game = playing(['Ada', 'Bo, "the quick"', '=cmd']);
  for (let n = 0; n < 3; n++) {
    const at = 1_000 + n * 100_000;
    game = receive(game, 'p0', n, RIGHT, at + 500);
    game = receive(game, 'p1', n, n === 1 ? RIGHT : WRONG, at + 900);
    game = settle(game);
    if (n < 2) game = next(next(game, at + 100_000), at + 100_000);
  }
  assert.equal(next(next(game, 0), 0).phase, 'podium');
  const rows = answerRows(game);
  assert.equal(rows.length, 3 * 3);
  for (const p of game.players)
    for (const [n, r] of p.results.entries()) {
      const row = rows.find((x) => x.nickname === p.nickname && x.question === n + 1)!;
      assert.deepEqual([row.points, row.correct, row.timeMs], [r.points + r.bonus, r.correct, r.time]);
    }
  assert.deepEqual(
    rows.filter((r) => r.nickname === 'Ada').map((r) => [r.answer, r.streak]),
    [
      ['True', 1],
      ['True', 2],
      ['True', 3],
    ],
  );
  assert.deepEqual(
    playerRows(game).map((p) => [p.nickname, p.rank, p.right]),
    [
      ['Ada', 1, 3],
      ['Bo, "the quick"', 2, 1],
      ['=cmd', 3, 0],
    ],
  );
  assert.deepEqual(
    questionRows(game).map((q) => q.shareRight),
    [1 / 3, 2 / 3, 1 / 3],
  );
  assert.deepEqual(
    hardest(game).map((q) => q.question),
    [1, 3, 2],
  );
  const csv = resultsCsv(game).split('\r\n');
  assert.equal(csv.length, 1 + 9 + 1);
  assert.match(csv[0]!, /^nickname,question,prompt,answer,right,time_ms,points,streak/);
  assert.ok(csv.some((line) => line.startsWith('"Bo, ""the quick""",1,')));
  // Ada's first row ends with her final rank, score and right answers, and the question's share right.
  assert.match(
    csv.find((line) => line.startsWith('Ada,1,'))!,
    new RegExp(`,1,${game.players[0]!.score},3,0.333$`),
  );
  assert.ok(
    csv.some((line) => line.startsWith("'=cmd,1,")),
    'a formula-looking nickname is defused',
  );
});

test('answer order: shuffled per game by default (the phones do not follow the bank), the bank order when turned off', () => {
  const options = ['Aurora', 'DynamoDB', 'Neptune', 'Redshift'];
  const questions: Question[] = Array.from({ length: 8 }, (_, i) => ({
    ...common,
    id: `q${i}`,
    prompt: `q${i}?`,
    type: 'quiz',
    options,
    correct: [1],
  }));
  const dealt = (game: LiveGame, seed: number) => begin(game, questions, seed).rounds;
  const shuffled = dealt(room(['Ada']), 7);
  assert.ok(
    shuffled.some((r) => r.question.type === 'quiz' && r.question.options.join() !== options.join()),
    'some question dealt in another order',
  );
  for (const { question } of shuffled) {
    // The right answer follows its text wherever it lands.
    assert.ok(question.type === 'quiz' && question.correct.length === 1 && question.options[question.correct[0]!] === 'DynamoDB');
  }
  const inOrder = { ...room(['Ada']), options: { ...OPTIONS, shuffleAnswers: false } };
  for (const { question } of dealt(inOrder, 7)) {
    assert.ok(question.type === 'quiz');
    assert.deepEqual(question.options, options);
    assert.deepEqual(question.correct, [1]);
  }
  // A game stored before the setting existed parses, and deals shuffled as it did then.
  assert.ok(liveGame.safeParse(room(['Ada'])).success);
});
