// The game reducer: phases, illegal actions, the deal, modes, hot-seat, ghost and resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answeredCount,
  currentPlayer,
  currentRound,
  deadline,
  ghostOf,
  ghostScore,
  initialState,
  leaderboard,
  optionCounts,
  podium,
  reduce,
  resume,
  standings,
} from '../../src/quiz/engine.ts';
import { game, parsed } from '../../src/quiz/schema.ts';
import type { Action, Answer, GameState, Question, Settings } from '../../src/quiz/types.ts';

const common = {
  session: 'amazon-aurora',
  explanation: 'Because.',
  sourceHref: '/sessions/amazon-aurora/#storage',
  points: 'standard' as const,
};

function quiz(id: string, extra: Partial<Question> = {}): Question {
  return {
    ...common,
    id,
    prompt: `${id}?`,
    type: 'quiz',
    options: ['Six', 'Two', 'Four', 'Fifteen'],
    correct: [0],
    ...extra,
  } as Question;
}

const kinds: Question[] = [
  quiz('copies'),
  quiz('multi', { correct: [1, 3] } as Partial<Question>),
  { ...common, id: 'tf', prompt: 'True?', type: 'true-false', answer: true },
  { ...common, id: 'typed', prompt: 'Name it', type: 'type-answer', accepted: ['Neptune'] },
  { ...common, id: 'order', prompt: 'Order', type: 'puzzle', items: ['a', 'b', 'c', 'd'] },
  { ...common, id: 'slide', prompt: 'How many?', type: 'slider', min: 0, max: 20, step: 1, answer: 15, tolerance: 0, unit: '' },
];

function right(q: Question): Answer {
  switch (q.type) {
    case 'quiz':
      return { type: 'quiz', options: q.correct };
    case 'true-false':
      return { type: 'true-false', value: q.answer };
    case 'type-answer':
      return { type: 'type-answer', text: ` ${q.accepted[0]?.toUpperCase()}!` };
    case 'puzzle':
      return { type: 'puzzle', order: q.items.map((_, i) => i) };
    case 'slider':
      return { type: 'slider', value: q.answer };
  }
}

function wrong(q: Question): Answer {
  switch (q.type) {
    case 'quiz':
      return { type: 'quiz', options: [q.options.findIndex((_, i) => !q.correct.includes(i))] };
    case 'true-false':
      return { type: 'true-false', value: !q.answer };
    case 'type-answer':
      return { type: 'type-answer', text: 'Redshift' };
    case 'puzzle':
      return { type: 'puzzle', order: q.items.map((_, i) => i).reverse() };
    case 'slider':
      return { type: 'slider', value: q.answer + q.tolerance + 1 };
  }
}

/** Apply actions one by one, failing on any refusal. */
function play(state: GameState, ...actions: Action[]): GameState {
  return actions.reduce((s, action) => {
    const after = reduce(s, action);
    assert.notEqual(after, s, `refused: ${JSON.stringify(action)} in ${s.phase}`);
    return after;
  }, state);
}

function refused(state: GameState, action: Action, why: string): void {
  assert.equal(reduce(state, action), state, why);
}

function joined(nicknames: string[] = ['Ada'], settings: Partial<Settings> = {}): GameState {
  return nicknames.reduce(
    (s, nickname, i) => play(s, i === 0 ? { type: 'join', nickname, settings } : { type: 'join', nickname }),
    initialState(),
  );
}

function started(questions: Question[], nicknames?: string[], settings?: Partial<Settings>, seed = 1): GameState {
  return play(joined(nicknames, settings), { type: 'start', questions, seed, at: 0, pack: 'all' });
}

const question = (s: GameState): Question => {
  const round = currentRound(s);
  assert.ok(round);
  return round.question;
};

/** Open the answers at `at` and answer after `after` ms. */
function answerIn(s: GameState, after: number, pick: (q: Question) => Answer = right, at = 1_000): GameState {
  return play(s, { type: 'answering-open', at }, { type: 'answer', answer: pick(question(s)), at: at + after });
}

/** From reveal to the next question's preview (or the podium), through the leaderboard when the game has one. */
const onward = (s: GameState) => {
  const after = play(s, { type: 'next' });
  return after.phase === 'leaderboard' ? play(after, { type: 'next' }) : after;
};

test('starts in the lobby; join adds players and settings (default 20 s, timed)', () => {
  const lobby = initialState();
  assert.equal(lobby.phase, 'lobby');
  assert.deepEqual(lobby.settings, { timer: 20, mode: 'timed' });
  const s = joined(['  Ada   Lovelace '], { timer: 30 });
  assert.deepEqual(
    s.players.map((p) => p.nickname),
    ['Ada Lovelace'],
  );
  assert.deepEqual(s.settings, { timer: 30, mode: 'timed' });
});

test('every phase in order, then back to the lobby; the leaderboard only with someone to compare with', () => {
  const phasesOf = (players: string[]) => {
    let s = started([quiz('q1'), quiz('q2')], players);
    const seen: string[] = [s.phase];
    for (let i = 0; i < 2; i++) {
      for (let turn = 0; turn < players.length; turn++) {
        if (s.phase === 'handover') s = play(s, { type: 'next' });
        s = play(s, { type: 'answering-open', at: 1_000 }, { type: 'answer', answer: right(question(s)), at: 1_200 });
      }
      while (s.phase !== 'preview' && s.phase !== 'podium') {
        s = play(s, { type: 'next' });
        seen.push(s.phase);
      }
      seen.push('·');
    }
    return { s, seen };
  };
  // Solo: answer, then Next goes straight to the next question; no one-row leaderboard.
  assert.deepEqual(phasesOf(['Ada']).seen, ['preview', 'preview', '·', 'podium', '·']);
  // Hot-seat: a leaderboard after each reveal.
  assert.deepEqual(phasesOf(['Ada', 'Bo']).seen, ['preview', 'leaderboard', 'preview', '·', 'leaderboard', 'podium', '·']);
  let { s } = phasesOf(['Ada']);
  s = play(s, { type: 'quit' });
  assert.equal(s.phase, 'lobby');
  assert.deepEqual(
    s.players.map((p) => [p.nickname, p.score, p.results.length]),
    [['Ada', 0, 0]],
    'players kept, scores cleared',
  );
  s = play(s, { type: 'quit' });
  assert.deepEqual(s, initialState());
});

test('quit leaves a game from any phase', () => {
  const preview = started([quiz('q1')], ['Ada', 'Bo']);
  const answering = play(preview, { type: 'answering-open', at: 0 });
  const handover = play(answering, { type: 'answer', answer: right(question(preview)), at: 10 });
  const reveal = play(
    handover,
    { type: 'next' },
    { type: 'answering-open', at: 20 },
    { type: 'answer', answer: right(question(preview)), at: 30 },
  );
  const board = play(reveal, { type: 'next' });
  const end = play(board, { type: 'next' });
  const phases = [preview, answering, handover, reveal, board, end].map((s) => [s.phase, play(s, { type: 'quit' }).phase]);
  assert.deepEqual(
    phases,
    ['preview', 'answering', 'handover', 'reveal', 'leaderboard', 'podium'].map((p) => [p, 'lobby']),
  );
});

test('time-up at the deadline goes to the reveal with 0 points and a broken streak', () => {
  let s = started([quiz('q1'), quiz('q2')]);
  s = onward(answerIn(s, 100));
  assert.equal(s.players[0]?.streak, 1);
  s = play(s, { type: 'answering-open', at: 5_000 });
  assert.equal(deadline(s), 25_000);
  s = play(s, { type: 'time-up', at: 25_000 });
  assert.equal(s.phase, 'reveal');
  assert.deepEqual(s.players[0]?.results[1], { questionId: 'q2', answer: null, correct: false, points: 0, bonus: 0, time: null });
  assert.equal(s.players[0]?.streak, 0);
  assert.equal(s.players[0]?.bestStreak, 1);
  assert.equal(answeredCount(s), 0);
});

test('illegal actions return the same state object', () => {
  const lobby = joined();
  const questions = [quiz('q1'), quiz('q2')];
  refused(initialState(), { type: 'start', questions, seed: 1, at: 0 }, 'start without players');
  refused(lobby, { type: 'start', questions: [], seed: 1, at: 0 }, 'start without questions');
  refused(lobby, { type: 'start', questions: [quiz('q1'), quiz('q1')], seed: 1, at: 0 }, 'duplicate question ids');
  refused(lobby, { type: 'start', questions, seed: 1, at: 0, count: 0 }, 'count of 0');
  refused(lobby, { type: 'join', nickname: 'ADA' }, 'nickname taken');
  refused(lobby, { type: 'join', nickname: '   ' }, 'empty nickname');
  refused(lobby, { type: 'join', nickname: 'x'.repeat(25) }, 'nickname too long');
  refused(lobby, { type: 'join', nickname: 'Bob', settings: { timer: 15 as Settings['timer'] } }, 'not a Kahoot timer');
  refused(lobby, { type: 'join', nickname: 'Bob', settings: { mode: 'blitz' as Settings['mode'] } }, 'unknown mode');
  refused(joined(['1', '2', '3', '4', '5', '6', '7', '8']), { type: 'join', nickname: '9' }, 'a ninth player');
  refused(initialState(), { type: 'quit' }, 'quit an empty lobby');
  for (const action of [
    { type: 'answering-open', at: 0 },
    { type: 'answer', answer: right(quiz('q')), at: 0 },
    { type: 'time-up', at: 99_999 },
    { type: 'next' },
  ] as Action[]) {
    refused(lobby, action, `${action.type} in the lobby`);
  }

  const preview = started(questions);
  refused(preview, { type: 'answer', answer: right(question(preview)), at: 100 }, 'answer in preview');
  refused(preview, { type: 'time-up', at: 99_999 }, 'time-up in preview');
  refused(preview, { type: 'next' }, 'next in preview');
  refused(preview, { type: 'join', nickname: 'Late' }, 'join after the start');
  refused(preview, { type: 'start', questions, seed: 2, at: 0 }, 'start twice');

  const answering = play(preview, { type: 'answering-open', at: 1_000 });
  refused(answering, { type: 'answering-open', at: 1_500 }, 'open twice');
  refused(answering, { type: 'next' }, 'next before the reveal');
  refused(answering, { type: 'time-up', at: 20_999 }, 'time-up before the deadline');
  refused(answering, { type: 'answer', answer: right(question(preview)), at: 21_001 }, 'answer after the deadline');
  refused(answering, { type: 'answer', answer: { type: 'true-false', value: true }, at: 1_100 }, 'answer of another type');
  refused(answering, { type: 'answer', answer: { type: 'quiz', options: [4] }, at: 1_100 }, 'option out of range');
  refused(answering, { type: 'answer', answer: { type: 'quiz', options: [] }, at: 1_100 }, 'no option');

  const revealed = play(answering, { type: 'answer', answer: right(question(preview)), at: 21_000 });
  assert.equal(revealed.players[0]?.score, 500, 'an answer at the deadline itself counts');
  refused(revealed, { type: 'answer', answer: right(question(preview)), at: 21_000 }, 'answering twice');
  refused(revealed, { type: 'time-up', at: 30_000 }, 'time-up after answering');
  refused(revealed, { type: 'answering-open', at: 30_000 }, 'open in the reveal');

  const timedOut = play(answering, { type: 'time-up', at: 21_000 });
  refused(timedOut, { type: 'answer', answer: right(question(preview)), at: 21_000 }, 'answer after time up');
  refused(timedOut, { type: 'time-up', at: 21_000 }, 'time up twice');

  const podiumState = onward(answerIn(onward(revealed), 10));
  assert.equal(podiumState.phase, 'podium');
  refused(podiumState, { type: 'next' }, 'next after the podium');
  refused(podiumState, { type: 'answer', answer: right(quiz('q')), at: 10 }, 'answer on the podium');

  const puzzleAnswering = play(started([kinds[4] as Question]), { type: 'answering-open', at: 0 });
  refused(puzzleAnswering, { type: 'answer', answer: { type: 'puzzle', order: [0, 1, 1, 2] }, at: 10 }, 'not a permutation');
  refused(puzzleAnswering, { type: 'answer', answer: { type: 'puzzle', order: [0, 1, 2] }, at: 10 }, 'an item missing');

  const untimed = play(started(questions, ['Ada'], { mode: 'untimed' }), { type: 'answering-open', at: 0 });
  refused(untimed, { type: 'time-up', at: 10_000_000 }, 'time-up without a timer');
});

test('points through the game: 0.3 s, 2 s of 30 s, double, no points, wrong', () => {
  const s1 = answerIn(started([quiz('q')]), 300);
  assert.equal(s1.players[0]?.score, 1000);
  const s2 = answerIn(started([quiz('q', { timer: 30 })]), 2_000);
  assert.equal(s2.players[0]?.results[0]?.points, 967);
  assert.equal(s2.players[0]?.results[0]?.time, 2_000);
  assert.equal(
    answerIn(started([quiz('q', { points: 'double' })]), 2_000, right).players[0]?.score,
    2000 - Math.round(2000 * (2 / 20 / 2)),
  );
  assert.equal(answerIn(started([quiz('q', { points: 'none' })]), 300).players[0]?.score, 0);
  assert.equal(answerIn(started([quiz('q')]), 300, wrong).players[0]?.score, 0);
});

test('every question type scores right and wrong answers', () => {
  for (const q of kinds) {
    const good = answerIn(started([q]), 100);
    assert.deepEqual([good.players[0]?.score, good.players[0]?.correctCount], [1000, 1], `${q.id} right`);
    const bad = answerIn(started([q]), 100, wrong);
    assert.deepEqual([bad.players[0]?.score, bad.players[0]?.correctCount], [0, 0], `${q.id} wrong`);
  }
});

test('streak bonus grows 0, 100 … 500, is not doubled, and a wrong answer resets it', () => {
  const questions = Array.from({ length: 10 }, (_, i) => quiz(`q${i}`, i === 6 ? { points: 'double' } : {}));
  let s = started(questions, ['Ada'], {}, 3);
  const bonuses: number[] = [];
  const streaks: number[] = [];
  for (let i = 0; i < 10; i++) {
    const q = question(s);
    s = answerIn(s, 100, i === 8 ? wrong : right);
    const result = s.players[0]?.results[i];
    bonuses.push(result?.bonus ?? -1);
    streaks.push(s.players[0]?.streak ?? -1);
    assert.equal(result?.points, q.points === 'double' ? 2000 : i === 8 ? 0 : 1000);
    if (i < 9) s = onward(s);
  }
  assert.deepEqual(bonuses, [0, 100, 200, 300, 400, 500, 500, 500, 0, 0]);
  assert.deepEqual(streaks, [1, 2, 3, 4, 5, 6, 7, 8, 0, 1]);
  assert.equal(s.players[0]?.bestStreak, 8);
  assert.equal(s.players[0]?.score, 8 * 1000 + 2000 + 2500);
});

test('a no-points question neither builds nor breaks the streak', () => {
  let s = started([quiz('a'), quiz('b', { points: 'none' }), quiz('c')], ['Ada'], {}, 9);
  const order = s.rounds.map((r) => r.question.id);
  const streaks: number[] = [];
  for (let i = 0; i < 3; i++) {
    const noPoints = question(s).points === 'none';
    s = answerIn(s, 100, noPoints ? wrong : right);
    streaks.push(s.players[0]?.streak ?? -1);
    if (i < 2) s = onward(s);
  }
  const expected = order.map((_, i) => order.slice(0, i + 1).filter((x) => x !== 'b').length);
  assert.deepEqual(streaks, expected);
});

test('modes: untimed, extended, practice', () => {
  const untimed = answerIn(started([quiz('q')], ['Ada'], { mode: 'untimed' }), 600_000);
  assert.equal(untimed.players[0]?.score, 1000, 'untimed: full points, no speed part');
  assert.equal(deadline(play(started([quiz('q')], ['Ada'], { mode: 'untimed' }), { type: 'answering-open', at: 0 })), null);

  const extended = answerIn(started([quiz('q')], ['Ada'], { mode: 'extended' }), 30_000);
  assert.equal(extended.players[0]?.score, 625, 'extended: 20 s becomes 40 s');

  let practice = started([quiz('a'), quiz('b')], ['Ada'], { mode: 'practice' });
  practice = answerIn(onward(answerIn(practice, 100)), 100);
  assert.deepEqual([practice.players[0]?.score, practice.players[0]?.streak, practice.players[0]?.correctCount], [0, 2, 2]);
  assert.equal(practice.players[0]?.results[1]?.bonus, 0);
});

test('the deal is reproducible from the seed, and options follow their right answer', () => {
  const questions = Array.from({ length: 12 }, (_, i) =>
    quiz(`q${i}`, { options: [`right ${i}`, 'b', 'c', 'd'] } as Partial<Question>),
  );
  const a = started(questions, ['Ada'], {}, 2024);
  assert.deepEqual(started(questions, ['Ada'], {}, 2024).rounds, a.rounds);
  assert.notDeepEqual(started(questions, ['Ada'], {}, 2025).rounds, a.rounds);
  assert.notDeepEqual(
    a.rounds.map((r) => r.question.id),
    questions.map((q) => q.id),
    'question order shuffled',
  );
  const rightAt = a.rounds.map((r) => (r.question.type === 'quiz' ? r.question.correct : []));
  assert.ok(new Set(rightAt.map((c) => c.join())).size > 1, 'option order shuffled');
  for (const { question: q } of a.rounds) {
    assert.equal(q.type, 'quiz');
    if (q.type === 'quiz')
      assert.deepEqual(
        q.correct.map((i) => q.options[i]),
        [`right ${q.id.slice(1)}`],
      );
  }
  assert.equal(started(questions, ['Ada'], {}, 2024).seed, 2024);
});

test('an ordered start (review mode) keeps the order given, and still shuffles the options', () => {
  const questions = Array.from({ length: 8 }, (_, i) =>
    quiz(`r${i}`, { options: [`right ${i}`, 'b', 'c', 'd'] } as Partial<Question>),
  );
  const s = play(joined(), { type: 'start', questions, seed: 9, at: 0, pack: 'review', ordered: true });
  assert.deepEqual(
    s.rounds.map((r) => r.question.id),
    questions.map((q) => q.id),
  );
  assert.ok(new Set(s.rounds.map((r) => (r.question.type === 'quiz' ? r.question.correct.join() : ''))).size > 1);
});

test('count keeps that many questions; multi-select keeps all its right options', () => {
  const questions = Array.from({ length: 12 }, (_, i) => quiz(`q${i}`, { correct: [1, 3] } as Partial<Question>));
  const s = play(joined(), { type: 'start', questions, seed: 5, at: 0, count: 10 });
  assert.equal(s.rounds.length, 10);
  for (const { question: q } of s.rounds)
    if (q.type === 'quiz') assert.deepEqual(q.correct.map((i) => q.options[i]).sort(), ['Fifteen', 'Two']);
});

test('a puzzle is never dealt already solved', () => {
  const puzzle = kinds[4] as Question;
  for (let seed = 0; seed < 200; seed++) {
    const { start } = started([puzzle], ['Ada'], {}, seed).rounds[0] ?? { start: [] };
    assert.equal(start.length, 4);
    assert.notDeepEqual(start, [0, 1, 2, 3], `seed ${seed}`);
  }
});

test('the reveal tells how many answered and how many picked each option', () => {
  const s = answerIn(started([quiz('q')]), 100);
  assert.equal(answeredCount(s), 1);
  const counts = optionCounts(s);
  assert.equal(counts.length, 4);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    1,
  );
  const q = question(s);
  if (q.type === 'quiz') assert.equal(counts[q.correct[0] ?? -1], 1);
});

test('hot-seat: each player in turn, a hand-over between turns, first turn rotating', () => {
  let s = started([quiz('q1'), quiz('q2'), quiz('q3')], ['Ada', 'Bo', 'Cy']);
  const turns: string[] = [];
  const phases: string[] = [];
  for (let round = 0; round < 3; round++) {
    for (let turn = 0; turn < 3; turn++) {
      assert.equal(s.phase, 'preview');
      const player = currentPlayer(s)?.nickname ?? '';
      turns.push(player);
      // Ada always right, Bo always wrong, Cy right only in the first round.
      const pick = player === 'Ada' || (player === 'Cy' && round === 0) ? right : wrong;
      s = answerIn(s, 300 + 1000 * turn, pick);
      phases.push(s.phase);
      assert.equal(answeredCount(s), turn + 1);
      if (turn < 2) {
        refused(s, { type: 'answering-open', at: 0 }, 'no answering from the hand-over');
        s = play(s, { type: 'next' });
      }
    }
    if (round < 2) s = onward(s);
  }
  assert.deepEqual(turns, ['Ada', 'Bo', 'Cy', 'Bo', 'Cy', 'Ada', 'Cy', 'Ada', 'Bo']);
  assert.deepEqual(phases, Array(3).fill(['handover', 'handover', 'reveal']).flat());
  const [ada, bo, cy] = s.players;
  assert.equal(bo?.score, 0);
  assert.ok((ada?.score ?? 0) > (cy?.score ?? 0));
  assert.deepEqual([ada?.correctCount, bo?.correctCount, cy?.correctCount], [3, 0, 1]);
  assert.equal(ada?.bestStreak, 3);
  // Ada answered first in 0.3 s, then third in 2.3 s, then second in 1.3 s (points + streak bonus).
  assert.equal(ada?.score, 1000 + (943 + 100) + (968 + 200));
  s = play(s, { type: 'next' }, { type: 'next' });
  assert.equal(s.phase, 'podium');
  assert.deepEqual(
    podium(s).map((p) => [p.rank, p.nickname]),
    [
      [1, 'Ada'],
      [2, 'Cy'],
      [3, 'Bo'],
    ],
  );
});

test('leaderboard keeps the top five, podium the top three, ties share a rank', () => {
  const names = ['A', 'B', 'C', 'D', 'E', 'F'];
  let s = started([quiz('q')], names);
  for (const name of names) {
    s = answerIn(s, 100, name === 'B' || name === 'E' ? wrong : right);
    if (s.phase === 'handover') s = play(s, { type: 'next' });
  }
  const board = leaderboard(s);
  assert.equal(board.length, 5);
  assert.deepEqual(
    board.map((e) => [e.rank, e.nickname, e.score]),
    [
      [1, 'A', 1000],
      [1, 'C', 1000],
      [1, 'D', 1000],
      [1, 'F', 1000],
      [5, 'B', 0],
    ],
  );
  assert.deepEqual(
    podium(s).map((e) => e.nickname),
    ['A', 'C', 'D'],
  );
  assert.equal(standings(s).length, 6);
});

test('ghost: a finished run replays its questions in order, its points shown round by round', () => {
  const questions = [quiz('q1'), quiz('q2'), quiz('q3'), { ...(kinds[2] as Question), id: 'q4' }];
  let first = started(questions, ['Ada'], {}, 11);
  for (let i = 0; i < 4; i++) {
    first = answerIn(first, 2_000, i === 1 ? wrong : right);
    first = onward(first);
  }
  assert.equal(first.phase, 'podium');
  assert.equal(ghostOf(answerIn(started(questions), 100)), null, 'no ghost before the podium');
  const ghost = ghostOf(first);
  assert.ok(ghost);
  assert.deepEqual(
    ghost.questionIds,
    first.rounds.map((r) => r.question.id),
  );
  assert.deepEqual(ghost.points, [950, 0, 950, 1050]);
  assert.equal(ghost.nickname, 'Ada');

  const lobby = play(first, { type: 'quit' });
  let rematch = play(lobby, { type: 'start', questions: [...questions].reverse(), seed: 999, at: 50, ghost });
  assert.deepEqual(
    rematch.rounds.map((r) => r.question.id),
    ghost.questionIds,
  );
  const shown: (number | null)[] = [ghostScore(rematch)];
  for (let i = 0; i < 4; i++) {
    rematch = answerIn(rematch, 100);
    shown.push(ghostScore(rematch));
    const board = leaderboard(rematch);
    assert.deepEqual(
      board.map((e) => [e.nickname, e.player === null]),
      [
        ['Ada', false],
        ['Ada', true],
      ],
    );
    rematch = onward(rematch);
  }
  assert.deepEqual(shown, [0, 950, 950, 1900, 2950]);
  assert.equal(ghostScore(rematch), 2950);
  assert.deepEqual(
    podium(rematch).map((e) => [e.nickname, e.player === null]),
    [
      ['Ada', false],
      ['Ada', true],
    ],
    'the ghost stands on the podium too, here behind the faster rematch',
  );
});

test('ghost: questions gone from the pack are skipped with their points', () => {
  const ghost = {
    version: 1 as const,
    pack: 'all',
    nickname: 'Ada',
    questionIds: ['q2', 'gone', 'q1'],
    points: [900, 800, 700],
    at: 0,
  };
  const s = play(joined(), { type: 'start', questions: [quiz('q1'), quiz('q2')], seed: 1, at: 0, ghost });
  assert.deepEqual(
    s.rounds.map((r) => r.question.id),
    ['q2', 'q1'],
  );
  assert.deepEqual(s.ghost?.points, [900, 700]);
  refused(joined(), { type: 'start', questions: [quiz('q9')], seed: 1, at: 0, ghost }, 'none of the ghost questions left');
});

test('resume: the answering window restarts at now and a right answer scores half points', () => {
  const answering = play(started([quiz('q1'), quiz('q2')]), { type: 'answering-open', at: 10_000 });
  const resumed = resume(answering, 15_000);
  assert.equal(resumed.phase, 'answering');
  assert.equal(resumed.openedAt, 15_000);
  assert.equal(resumed.resumed, true);
  assert.equal(deadline(resumed), 35_000);
  const answered = play(resumed, { type: 'answer', answer: right(question(resumed)), at: 15_100 });
  assert.deepEqual([answered.players[0]?.results[0]?.points, answered.players[0]?.results[0]?.time], [500, 100]);
  const nextTurn = play(
    onward(answered),
    { type: 'answering-open', at: 40_000 },
    { type: 'answer', answer: right(question(onward(answered))), at: 40_100 },
  );
  assert.equal(nextTurn.players[0]?.results[1]?.points, 1000, 'the next question scores normally');
});

test('resume: past the deadline, the question counts as unanswered', () => {
  const answering = play(started([quiz('q1')]), { type: 'answering-open', at: 10_000 });
  const s = resume(answering, 31_000);
  assert.equal(s.phase, 'reveal');
  assert.deepEqual(s.players[0]?.results[0], { questionId: 'q1', answer: null, correct: false, points: 0, bonus: 0, time: null });
});

test('resume: other phases and untimed questions come back unchanged', () => {
  const preview = started([quiz('q1')]);
  assert.equal(resume(preview, 99_999), preview);
  const revealed = answerIn(preview, 100);
  assert.equal(resume(revealed, 99_999), revealed);
  assert.equal(resume(initialState(), 0).phase, 'lobby');
  const untimed = play(started([quiz('q1')], ['Ada'], { mode: 'untimed' }), { type: 'answering-open', at: 0 });
  assert.equal(resume(untimed, 10_000_000), untimed);
});

test('the state is plain JSON and passes validation in every phase', () => {
  let s = started(kinds, ['Ada', 'Bo'], { timer: 10 });
  const check = () => {
    const copy: unknown = JSON.parse(JSON.stringify(s));
    assert.deepEqual(copy, s);
    assert.deepEqual(parsed(game, copy), s, s.phase);
  };
  check();
  while (s.phase !== 'podium') {
    s = play(s, { type: 'answering-open', at: 0 });
    check();
    s = play(s, { type: 'answer', answer: right(question(s)), at: 700 });
    check();
    s = play(s, { type: 'next' });
    check();
    if (s.phase === 'leaderboard') {
      s = play(s, { type: 'next' });
      check();
    }
  }
});
