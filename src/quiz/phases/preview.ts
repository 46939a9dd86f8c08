// The question alone for a moment, as Kahoot shows it, before the answers appear.
import { dispatch } from '../store.ts';
import { currentRound } from '../engine.ts';
import { h } from '../dom.ts';
import { kindLabel } from '../labels.ts';
import type { PhaseView } from './phase.ts';

export const PREVIEW_MS = 3000;

const open = () => dispatch({ type: 'answering-open', at: Date.now() });

export const preview: PhaseView = {
  render(state, ctx) {
    const q = currentRound(state)!.question;
    ctx.later(PREVIEW_MS, open);
    const points = q.points === 'double' ? ' · Double points' : q.points === 'none' ? ' · No points' : '';
    return h(
      'section',
      { class: 'stage__panel preview', 'aria-labelledby': 'quiz-prompt' },
      h('p', { class: 'preview__kind' }, kindLabel(q), state.settings.mode === 'practice' ? '' : points),
      h('h2', { id: 'quiz-prompt', 'data-testid': 'question', class: 'prompt' }, q.prompt),
      h('div', { class: 'preview__bar', 'aria-hidden': 'true' }),
      h('button', { type: 'button', class: 'button button--quiet', 'data-autofocus': true, onclick: open }, 'Show the answers'),
    );
  },
  enter(state, ctx) {
    ctx.announce(`Question ${state.round + 1}: ${currentRound(state)!.question.prompt}`);
  },
};
