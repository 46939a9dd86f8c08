// The top five after a question, in hot-seat games and ghost runs (a solo game skips it).
import { dispatch } from '../store.ts';
import { leaderboard as top } from '../engine.ts';
import { h } from '../dom.ts';
import { nextButton, standingsList } from './parts.ts';
import type { PhaseView } from './phase.ts';

export const leaderboard: PhaseView = {
  render(state) {
    const last = state.round + 1 >= state.rounds.length;
    return h(
      'section',
      { class: 'stage__panel', 'aria-labelledby': 'leaderboard-title' },
      h('h2', { id: 'leaderboard-title', tabindex: '-1' }, 'Leaderboard'),
      standingsList(
        top(state).map((s) => ({ ...s, name: s.player ? s.nickname : `${s.nickname} (ghost)`, ghost: !s.player })),
        'leaderboard',
      ),
      nextButton(last ? 'See the podium' : 'Next question', () => dispatch({ type: 'next' })),
    );
  },
  enter(state, ctx) {
    const first = top(state)[0];
    ctx.announce(`Leaderboard. First: ${first?.nickname}, ${first?.score} points.`);
  },
};
