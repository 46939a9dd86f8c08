// The answers on screen: the tiles or other controls, the countdown, and (hot-seat) how many have answered.
import { $sound, dispatch } from '../store.ts';
import { answeredCount, currentLimit, currentRound, deadline } from '../engine.ts';
import { RESUME_RULE, UNTIMED_RULE } from '../scoring.ts';
import { tick } from '../sound.ts';
import { h } from '../dom.ts';
import { asked } from '../asked.ts';
import { answerInput } from './inputs.ts';
import type { PhaseView, StageContext } from './phase.ts';
import type { Answer } from '../types.ts';

/** The last seconds: the countdown turns to its warning style, screen readers hear it, and the tick starts. */
export const WARN_AT_MS = 5000;

const PRACTICE_RULE = 'Practice: no timer and no points. Take your time; the answer and its explanation follow.';

export const answering: PhaseView = {
  render(state, ctx) {
    const round = currentRound(state)!;
    const q = round.question;
    const limit = currentLimit(state);
    const end = deadline(state);
    const submit = (answer: Answer) => dispatch({ type: 'answer', answer, at: Date.now() });
    const panel = h('section', { class: 'stage__panel', 'aria-labelledby': 'quiz-prompt' });
    panel.append(h('h2', { id: 'quiz-prompt', 'data-testid': 'question', class: 'prompt' }, q.prompt));
    if (state.resumed) panel.append(h('p', { class: 'notice', role: 'note' }, RESUME_RULE));
    if (limit === null)
      panel.append(h('p', { class: 'hint' }, state.settings.mode === 'practice' ? PRACTICE_RULE : UNTIMED_RULE));
    const status = h('div', { class: 'status' });
    if (limit !== null && end !== null) status.append(countdown(limit, end, ctx));
    if (state.players.length > 1) {
      status.append(h('p', { class: 'answers-count' }, `${answeredCount(state)} of ${state.players.length} answered`));
    }
    if (status.childElementCount > 0) panel.append(status);
    panel.append(answerInput(asked(q, round.start), submit, ctx));
    return panel;
  },
};

/** A big number of seconds beside a bar that empties; both change style in the last five seconds. */
function countdown(limit: number, end: number, ctx: StageContext) {
  const bar = h('div', { class: 'timer__bar' });
  const number = h('span', { class: 'timer__number' });
  const timer = h(
    'div',
    { class: 'timer', 'data-testid': 'timer', role: 'timer', 'aria-label': 'Time left' },
    number,
    h('div', { class: 'timer__track', 'aria-hidden': 'true' }, bar),
  );
  let warned = false;
  let lastSecond = -1;
  const update = () => {
    const left = Math.max(0, end - Date.now());
    const seconds = Math.ceil(left / 1000);
    bar.style.transform = `scaleX(${left / limit})`;
    if (seconds !== lastSecond) {
      number.textContent = String(seconds);
      number.setAttribute('aria-label', `${seconds} seconds left`);
      if (warned && seconds > 0 && $sound.get()) tick();
      lastSecond = seconds;
    }
    if (!warned && left <= WARN_AT_MS && limit > WARN_AT_MS) {
      warned = true;
      timer.dataset['warning'] = '';
      ctx.announce('5 seconds left');
      if ($sound.get()) tick();
    }
    if (left <= 0) {
      dispatch({ type: 'time-up', at: Math.max(Date.now(), end) });
      return;
    }
    ctx.later(100, update);
  };
  update();
  return timer;
}
