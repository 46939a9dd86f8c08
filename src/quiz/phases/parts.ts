// Pieces the solo stage and the live host's screen both show: the lesson after a question, the Next button, the
// standings and the podium's steps.
import { h } from '../dom.ts';
import { ordinal, rightAnswerText } from '../labels.ts';
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

/** A line of a leaderboard or podium: whoever it is (a player, a ghost, a live seat that is away) as shown. */
export interface StandingRow {
  rank: number;
  /** The name as shown, with any note ("(ghost)", "(away)") already added. */
  name: string;
  score: number;
  ghost?: boolean;
}

/** Ranked players as a list: "1." on a leaderboard, "1st" in a podium's full ranking. */
export function standingsList(rows: StandingRow[], testId: string, { ordinals = false, labelledBy = '' } = {}) {
  return h(
    'ol',
    { class: 'standings', 'data-testid': testId, 'aria-labelledby': labelledBy || undefined },
    ...rows.map((s) =>
      h(
        'li',
        { class: 'standings__row', 'data-ghost': s.ghost ? 'true' : undefined },
        h('span', { class: 'standings__rank' }, ordinals ? ordinal(s.rank) : `${s.rank}.`),
        h('span', { class: 'standings__name' }, s.name),
        h('span', { class: 'standings__score' }, `${s.score} points`),
      ),
    ),
  );
}

/** The top three on their steps. */
export function podiumSteps(rows: StandingRow[]) {
  return h(
    'ol',
    { class: 'podium', 'data-testid': 'podium' },
    ...rows.map((s, place) =>
      h(
        'li',
        { class: 'podium__step', 'data-place': place + 1, 'data-ghost': s.ghost ? 'true' : undefined },
        h('span', { class: 'podium__name' }, s.name),
        h('span', { class: 'podium__score' }, `${s.score} points`),
        h('span', { class: 'podium__block' }, h('span', { class: 'podium__rank' }, ordinal(s.rank))),
      ),
    ),
  );
}
