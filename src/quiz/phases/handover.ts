// Hot-seat: the device passes to the next player, who confirms before the question shows.
import { dispatch } from '../store.ts';
import { currentPlayer } from '../engine.ts';
import { h } from '../dom.ts';
import { plural } from '../labels.ts';
import type { PhaseView } from './phase.ts';

export const handover: PhaseView = {
  render(state) {
    const player = currentPlayer(state)!;
    const answered = state.turn;
    return h(
      'section',
      { class: 'stage__panel handover', 'aria-labelledby': 'handover-title' },
      h('h2', { id: 'handover-title' }, `Pass the device to ${player.nickname}`),
      h(
        'p',
        { 'data-testid': 'handover-status' },
        `${answered} of ${state.players.length} ${answered === 1 ? 'has' : 'have'} answered this question. `,
        `No peeking until it is your turn, ${player.nickname}: ${plural(state.players.length - answered, 'player')} still to go.`,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--big',
          'data-testid': 'handover',
          'data-autofocus': true,
          onclick: () => dispatch({ type: 'next' }),
        },
        `I am ${player.nickname}: show the question`,
      ),
    );
  },
  enter(state, ctx) {
    ctx.announce(`Pass the device to ${currentPlayer(state)!.nickname}`);
  },
};
