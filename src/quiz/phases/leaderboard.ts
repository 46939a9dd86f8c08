// The top five after a question, in hot-seat games and ghost runs (a solo game skips it).
import { dispatch } from '../store.ts';
import { leaderboard as top } from '../engine.ts';
import { h } from '../dom.ts';
import { nextButton } from './parts.ts';
import type { PhaseView } from './phase.ts';

export const leaderboard: PhaseView = {
  render(state) {
    const last = state.round + 1 >= state.rounds.length;
    return h(
      'section',
      { class: 'stage__panel', 'aria-labelledby': 'leaderboard-title' },
      h('h2', { id: 'leaderboard-title', tabindex: '-1' }, 'Leaderboard'),
      h(
        'ol',
        { class: 'standings', 'data-testid': 'leaderboard' },
        ...top(state).map((s) =>
          h(
            'li',
            { 'data-ghost': s.player ? undefined : 'true' },
            h('span', { class: 'standings__rank' }, `${s.rank}.`),
            h('span', { class: 'standings__name' }, s.player ? s.nickname : `${s.nickname} (ghost)`),
            h('span', { class: 'standings__score' }, `${s.score} points`),
          ),
        ),
      ),
      nextButton(last ? 'See the podium' : 'Next question', () => dispatch({ type: 'next' })),
    );
  },
  enter(state, ctx) {
    const first = top(state)[0];
    ctx.announce(`Leaderboard. First: ${first?.nickname}, ${first?.score} points.`);
  },
};
