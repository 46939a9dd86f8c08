// Pieces the solo stage and the live host's screen both show: the lesson after a question, and the Next button.
import { h } from '../dom.ts';
import { rightAnswerText } from '../labels.ts';
import type { Question } from '../types.ts';

/** The right answer, the explanation and its source. The live host opens the source in a new tab, keeping the game. */
export function lesson(q: Question, { newTab = false } = {}) {
  return h(
    'div',
    { class: 'explain' },
    h('p', { class: 'right-answer' }, h('strong', {}, 'Answer: '), rightAnswerText(q)),
    h('p', { 'data-testid': 'explanation' }, q.explanation),
    h(
      'p',
      { class: 'explain__source' },
      'Source: ',
      h(
        'a',
        { href: q.sourceHref, 'data-testid': 'source-link', target: newTab ? '_blank' : undefined },
        q.sourceLabel ?? 'the notes',
      ),
    ),
  );
}

/** The big Next button in its action row; `focusKey` lets a redrawn screen give it back its focus. */
export function nextButton(label: string, onclick: () => void, focusKey?: string) {
  return h(
    'div',
    { class: 'actions' },
    h(
      'button',
      {
        type: 'button',
        class: 'button button--big',
        'data-testid': 'next',
        'data-autofocus': focusKey ? undefined : true,
        'data-focus-key': focusKey,
        onclick,
      },
      label,
    ),
  );
}
