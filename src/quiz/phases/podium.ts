// The end of a game: three steps (2nd, 1st, 3rd) revealed in turn with a short celebration (none with
// reduced motion), every player's stats, what to do next, and a result card link for each player. A game with one
// player (no ghost to race) ends on "Your score", and practice on a summary of what was missed: never a podium.
import { $best, $ghost, $sound, dispatch } from '../store.ts';
import { ghostOf, podium as top, standings } from '../engine.ts';
import { chime } from '../sound.ts';
import { shareQuery } from '../share.ts';
import { h } from '../dom.ts';
import { ordinal, plural } from '../labels.ts';
import type { PhaseView, StageContext } from './phase.ts';
import { podiumSteps } from './parts.ts';
import type { GameState, Standing } from '../types.ts';

const CONFETTI = 24;

/** Nobody to be placed against, or nothing scored: the end is a summary, not a podium. */
const summarised = (state: GameState) => state.settings.mode === 'practice' || standings(state).length === 1;

/** One player's end: the score (or, in practice, how many were right) and the questions to go over again. */
function summary(state: GameState, ctx: StageContext) {
  const practice = state.settings.mode === 'practice';
  const total = state.rounds.length;
  const right = state.players.reduce((n, p) => n + p.correctCount, 0);
  const asked = state.players.reduce((n, p) => n + p.results.length, 0);
  const solo = state.players.length === 1 ? state.players[0]! : null;
  const missed = state.players.flatMap((p) => p.results.filter((r) => !r.correct).map((r) => r.questionId));
  const questions = new Map(state.rounds.map((r) => [r.question.id, r.question]));
  const toReview = [...new Set(missed)].flatMap((id) => questions.get(id) ?? []);
  return h(
    'section',
    { class: 'stage__panel summary-panel', 'aria-labelledby': 'podium-title', 'data-testid': 'final-score' },
    h('h2', { id: 'podium-title', tabindex: '-1', 'data-autofocus': true }, practice ? 'Practice done' : 'Your score'),
    solo && !practice ? h('p', { class: 'summary__score' }, `${solo.nickname}: `, h('strong', {}, `${solo.score} points`)) : null,
    h(
      'p',
      { class: 'summary__right', 'data-testid': 'summary-right' },
      `${right} of ${practice ? asked : total} right`,
      solo ? ` · best streak ${solo.bestStreak}` : '',
    ),
    bestLine(state),
    toReview.length
      ? h(
          'div',
          { class: 'summary__missed' },
          h('h3', { id: 'missed-title' }, 'To go over again'),
          h(
            'ul',
            { 'aria-labelledby': 'missed-title', 'data-testid': 'missed' },
            ...toReview.map((q) =>
              h('li', {}, `${q.prompt} `, h('a', { href: q.sourceHref }, `Read: ${q.sourceLabel ?? 'the notes'}`)),
            ),
          ),
        )
      : h('p', {}, 'Nothing missed.'),
    actions(state, ctx),
    share(state, standings(state), ctx),
  );
}

export const podium: PhaseView = {
  render(state, ctx) {
    if (summarised(state)) return summary(state, ctx);
    const places = top(state);
    const everyone = standings(state);
    const total = state.rounds.length;
    const panel = h(
      'section',
      { class: 'stage__panel podium-panel', 'aria-labelledby': 'podium-title' },
      h('h2', { id: 'podium-title', tabindex: '-1', 'data-autofocus': true }, 'Podium'),
      h(
        'div',
        { class: 'confetti', 'aria-hidden': 'true' },
        ...Array.from({ length: CONFETTI }, (_, i) => h('span', { style: confettiPiece(i) })),
      ),
      podiumSteps(places.map((s) => ({ ...s, name: s.player ? s.nickname : `${s.nickname} (ghost)`, ghost: !s.player }))),
      bestLine(state),
      actions(state, ctx),
      statsTable(everyone, total, state.settings.mode === 'practice'),
      share(state, everyone, ctx),
    );
    return panel;
  },
  enter(state, ctx) {
    const winner = top(state)[0];
    if ($sound.get()) chime(true);
    if (summarised(state)) {
      const right = state.players.reduce((n, p) => n + p.correctCount, 0);
      const score = state.settings.mode === 'practice' ? '' : ` ${winner?.score} points.`;
      return ctx.announce(`${state.settings.mode === 'practice' ? 'Practice done' : 'Your score'}:${score} ${right} right.`);
    }
    ctx.announce(`Podium. Winner: ${winner?.nickname} with ${winner?.score} points.`);
  },
};

/**
 * Where one piece of confetti starts, when, how fast it falls, how far it drifts and spins: scattered by a
 * small hash of its index, so no two pieces fall in step and every podium looks the same.
 */
function confettiPiece(i: number): string {
  let x = (i + 1) * 0x9e3779b1;
  const next = (): number => {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
    x ^= x + Math.imul(x ^ (x >>> 7), 0x297a2d39);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32; // 0..1
  };
  const left = next() * 96; // % across the stage
  const delay = next() * 0.8; // s
  const duration = 1.9 + next() * 1; // s
  const drift = next() * 8 - 4; // rem, either way
  const spin = 270 + next() * 360; // deg
  return `--left:${left.toFixed(1)}%;--delay:${delay.toFixed(2)}s;--duration:${duration.toFixed(2)}s;--drift:${drift.toFixed(1)}rem;--spin:${spin.toFixed(0)}deg`;
}

/** Solo, scored: "new best" when this game set it, the standing best otherwise. */
function bestLine(state: GameState): HTMLElement | null {
  if (state.players.length !== 1 || state.settings.mode === 'practice' || state.pack === 'review') return null;
  const best = $best.get().packs[state.pack];
  if (!best) return null;
  const mine = state.players[0]!.score;
  const isNew = best.at === state.startedAt && best.score === mine;
  return h(
    'p',
    { class: 'best', 'data-testid': 'best' },
    isNew ? h('strong', {}, `New best in this pack: ${mine} points!`) : `Your best in this pack: ${best.score} points.`,
  );
}

function actions(state: GameState, ctx: StageContext) {
  const solo = state.players.length === 1;
  const missed = solo ? state.players[0]!.results.filter((r) => !r.correct).map((r) => r.questionId) : [];
  const again = () => {
    dispatch({ type: 'quit' });
    ctx.start({ pack: state.pack, count: state.rounds.length });
  };
  const review = () => {
    dispatch({ type: 'quit' });
    ctx.start({ pack: 'review', questionIds: missed });
  };
  const ghost = () => {
    const run = $ghost.get();
    if (!run) return;
    dispatch({ type: 'quit' });
    ctx.start({ pack: run.pack, ghost: run });
  };
  return h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', class: 'button', onclick: again }, 'Play again'),
    missed.length > 0
      ? h(
          'button',
          { type: 'button', class: 'button button--quiet', 'data-testid': 'review-missed', onclick: review },
          `Review the ${plural(missed.length, 'question')} you missed`,
        )
      : null,
    state.settings.mode !== 'practice' && state.pack !== 'review'
      ? h(
          'button',
          { type: 'button', class: 'button button--quiet', 'data-testid': 'ghost-start', onclick: ghost },
          // The button races the ghost this game leaves (ghostOf, as the store keeps it): after hot-seat, say whose.
          solo ? 'Play against your ghost' : `Race ${ghostOf(state)?.nickname ?? 'the winner'}’s ghost`,
        )
      : null,
    h('button', { type: 'button', class: 'button button--quiet', onclick: () => ctx.leave() }, 'Change the setup'),
  );
}

function statsTable(everyone: Standing[], total: number, practice: boolean) {
  return h(
    'table',
    { class: 'players-table podium-stats' },
    h('caption', {}, 'Every player'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Place'),
        h('th', { scope: 'col' }, 'Player'),
        practice ? null : h('th', { scope: 'col' }, 'Points'),
        h('th', { scope: 'col' }, 'Correct'),
        h('th', { scope: 'col' }, 'Streak', h('span', { class: 'visually-hidden' }, ' (best)')),
      ),
    ),
    h(
      'tbody',
      {},
      ...everyone.map((s) =>
        h(
          'tr',
          {},
          h('td', {}, ordinal(s.rank)),
          h('th', { scope: 'row' }, s.player ? s.nickname : `${s.nickname} (ghost)`),
          practice ? null : h('td', {}, String(s.score)),
          h('td', {}, s.player ? `${s.player.correctCount} of ${total}` : '–'),
          h('td', {}, s.player ? String(s.player.bestStreak) : '–'),
        ),
      ),
    ),
  );
}

/** A result card link for each player, with nothing stored anywhere; "Copy" says "Copied" where it was pressed. */
function share(state: GameState, everyone: Standing[], ctx: StageContext) {
  if (state.pack === 'review' || state.settings.mode === 'practice') return null;
  const date = new Date(state.startedAt ?? Date.now()).toISOString().slice(0, 10);
  const rows = everyone.flatMap((s) => {
    if (!s.player) return [];
    const query = shareQuery({
      pack: state.pack,
      nickname: s.nickname,
      score: s.score,
      rank: s.rank,
      players: state.players.length,
      correct: s.player.correctCount,
      questions: state.rounds.length,
      date,
    });
    const url = new URL(`${import.meta.env.BASE_URL}quiz/result/?${query}`, location.origin).href;
    const copy = h('button', { type: 'button', class: 'link-button' }, 'Copy the link');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(url).then(() => {
        copy.textContent = 'Copied';
        ctx.announce('Link copied');
        ctx.later(2500, () => (copy.textContent = 'Copy the link'));
      });
    });
    return [h('li', {}, h('a', { href: url, 'data-testid': 'share-link' }, 'Result card for ', s.nickname), ' ', copy)];
  });
  return h('div', { class: 'share' }, h('h3', {}, 'Share the result'), h('ul', {}, ...rows));
}
