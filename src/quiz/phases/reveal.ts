// The reveal leads with the lesson: the verdict, the points, the explanation and its source come first,
// then the answers as a compact list marking right, wrong and the player's pick (with how many picked each).
import { $sound, dispatch } from '../store.ts';
import { currentRound, hasLeaderboard, optionCounts, roundResults } from '../engine.ts';
import { chime } from '../sound.ts';
import { h, shape, TILES } from '../dom.ts';
import { rightAnswerText } from '../labels.ts';
import { lesson, nextButton } from './parts.ts';
import type { PhaseView } from './phase.ts';
import type { GameState, Question, Result } from '../types.ts';

function verdict(result: Result | undefined): string {
  return result?.answer === null ? 'Time is up' : result?.correct ? 'Correct' : 'Not quite';
}

/** The solo verdict band's colour: green, red, or neutral when the time ran out. */
const outcome = (result: Result | undefined) => (result?.answer === null ? 'late' : result?.correct ? 'right' : 'wrong');

export const reveal: PhaseView = {
  render(state) {
    const q = currentRound(state)!.question;
    const results = roundResults(state);
    const solo = state.players.length === 1;
    const scored = state.settings.mode !== 'practice';
    const mine = results[0];
    const player = state.players[0]!;
    const last = state.round + 1 >= state.rounds.length;
    const next = last && !hasLeaderboard(state) ? 'See the results' : hasLeaderboard(state) ? 'Leaderboard' : 'Next question';
    const panel = h(
      'section',
      { class: 'stage__panel reveal', 'aria-labelledby': 'reveal-title' },
      h(
        'h2',
        { id: 'reveal-title', class: 'reveal__verdict', 'data-outcome': solo ? outcome(mine) : undefined },
        solo ? verdict(mine) : 'The answer',
      ),
    );
    if (solo && scored) {
      const gained = (mine?.points ?? 0) + (mine?.bonus ?? 0);
      panel.append(
        h(
          'div',
          { class: 'score-line' },
          h('p', { class: 'score-line__gain', 'data-testid': 'points' }, `+${gained} points`),
          mine?.bonus ? h('p', { class: 'score-line__bonus' }, `including a streak bonus of ${mine.bonus}`) : null,
          h(
            'p',
            { class: 'score-line__totals' },
            h('span', {}, 'Streak ', h('strong', { 'data-testid': 'streak' }, String(player.streak))),
            h('span', {}, 'Score ', h('strong', { 'data-testid': 'score' }, String(player.score))),
          ),
        ),
      );
    }
    panel.append(
      lesson(q),
      nextButton(next, () => dispatch({ type: 'next' })),
    );
    const picks = answerList(state, q);
    if (picks) panel.append(picks);
    if (!solo) panel.append(playersTable(state, results));
    return panel;
  },
  enter(state, ctx) {
    const q = currentRound(state)!.question;
    const solo = state.players.length === 1;
    const mine = roundResults(state)[0];
    const player = state.players[0]!;
    if ($sound.get()) chime(solo ? Boolean(mine?.correct) : true);
    if (!solo) return ctx.announce(`The answer: ${rightAnswerText(q)}`);
    const gained = (mine?.points ?? 0) + (mine?.bonus ?? 0);
    const points =
      state.settings.mode === 'practice'
        ? ''
        : ` ${gained} points${mine?.bonus ? `, including a streak bonus of ${mine.bonus}` : ''}. Answer streak ${player.streak}. Score ${player.score}.`;
    ctx.announce(`${verdict(mine)}.${points} ${q.explanation}`);
  },
};

/** Quiz and true/false: each option once, marked right or wrong, the player's pick, and (hot-seat) how many picked it. */
function answerList(state: GameState, q: Question): HTMLElement | null {
  if (q.type !== 'quiz' && q.type !== 'true-false') return null;
  const counts = optionCounts(state);
  const solo = state.players.length === 1;
  const mine = solo ? state.players[0]?.results[state.round]?.answer : null;
  const picked = (i: number) =>
    mine?.type === 'quiz' ? mine.options.includes(i) : mine?.type === 'true-false' ? mine.value === (i === 0) : false;
  const labels = q.type === 'quiz' ? q.options : ['True', 'False'];
  const right = q.type === 'quiz' ? q.correct : [q.answer ? 0 : 1];
  const look = q.type === 'quiz' ? [0, 1, 2, 3] : [1, 0];
  return h(
    'ul',
    { class: 'answer-list', 'aria-label': solo ? 'The answers' : 'The answers, with how many picked each' },
    ...labels.map((label, i) => {
      const { colour, shape: form } = TILES[look[i]!]!;
      const ok = right.includes(i);
      return h(
        'li',
        {
          class: 'answer-list__item',
          'data-colour': colour,
          'data-right': String(ok),
          'data-mine': picked(i),
          'data-testid': 'answer-option',
        },
        shape(form),
        h('span', { class: 'answer-list__text' }, label),
        h('span', { class: 'answer-list__verdict' }, ok ? '✓ Right' : '✗ Wrong', picked(i) ? ' · your answer' : ''),
        solo ? null : h('span', { class: 'answer-list__count' }, `${counts[i] ?? 0} picked`),
      );
    }),
  );
}

function playersTable(state: GameState, results: (Result | undefined)[]) {
  return h(
    'table',
    { class: 'players-table' },
    h('caption', {}, 'This question'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Player'),
        h('th', { scope: 'col' }, 'Answer'),
        h('th', { scope: 'col' }, 'Points'),
        h('th', { scope: 'col' }, 'Streak'),
      ),
    ),
    h(
      'tbody',
      {},
      ...state.players.map((p, i) => {
        const r = results[i];
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, p.nickname),
          h('td', {}, r?.answer === null ? 'No answer' : r?.correct ? 'Right' : 'Wrong'),
          h('td', {}, `+${(r?.points ?? 0) + (r?.bonus ?? 0)}`),
          h('td', {}, String(p.streak)),
        );
      }),
    ),
  );
}
