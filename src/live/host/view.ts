// The host's screen, one function per phase: the lobby with PIN, join address and QR code; the open question
// with its countdown and how many have answered; the reveal with the distribution, explanation and source;
// the top five; the podium with every player's final rank. Pure DOM from the game, redrawn on each change.
import { h, shape, TILES } from '../../quiz/dom.ts';
import { kindLabel, plural } from '../../quiz/labels.ts';
import {
  closesAt,
  hasLeaderboard,
  LEADERBOARD_SIZE,
  optionCounts,
  question,
  standings,
  type LiveGame,
  type LiveStanding,
} from '../game.ts';
import { lesson, nextButton, podiumSteps, standingsList } from '../../quiz/phases/parts.ts';
import { qrCode } from './qr.ts';

export interface HostActions {
  kick(id: string): void;
  lock(locked: boolean): void;
  begin(): void;
  reveal(): void;
  next(): void;
  close(): void;
  /** Ask before ending a game in play, then close the room. */
  end(): void;
}

export function hostView(game: LiveGame, now: number, act: HostActions): HTMLElement {
  switch (game.phase) {
    case 'lobby':
    case 'starting':
      return lobby(game, act);
    case 'question':
      return open(game, now, act);
    case 'reveal':
      return reveal(game, act);
    case 'leaderboard':
      return top(game, act);
    case 'podium':
      return end(game, act);
  }
}

function lobby(game: LiveGame, act: HostActions) {
  const players = game.seats.map((s) =>
    h(
      'li',
      { class: 'live-seat', 'data-testid': 'live-player', 'data-away': !s.connected },
      h('span', { class: 'live-seat__name' }, s.nickname),
      s.connected ? null : h('span', { class: 'muted' }, ' (away)'),
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'data-testid': 'live-kick',
          'data-focus-key': `kick-${s.id}`,
          'aria-label': `Remove ${s.nickname}`,
          onclick: () => act.kick(s.id),
        },
        'Remove',
      ),
    ),
  );
  return h(
    'section',
    { class: 'stage__panel live-lobby', 'aria-labelledby': 'live-title' },
    h('h2', { id: 'live-title' }, 'Join on your phone'),
    h(
      'div',
      { class: 'live-join' },
      h(
        'div',
        {},
        h('p', {}, 'Go to ', h('strong', { class: 'live-join__address' }, game.join)),
        h('p', {}, 'and enter the game PIN'),
        h('p', { class: 'live-pin', 'data-testid': 'live-pin' }, game.pin),
      ),
      h(
        'figure',
        { class: 'live-qr', 'data-testid': 'live-qr' },
        qrCode(`${game.join}?pin=${game.pin}`, `QR code: ${game.join} with the PIN filled in`),
      ),
    ),
    h(
      'h3',
      { id: 'live-players-title', 'aria-live': 'polite' },
      game.seats.length ? plural(game.seats.length, 'player') : 'Waiting for players…',
    ),
    h('ul', { class: 'live-seats', 'aria-labelledby': 'live-players-title' }, ...players),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button button--quiet',
          'data-testid': 'live-lock',
          'data-focus-key': 'lock',
          'aria-pressed': String(game.locked),
          onclick: () => act.lock(!game.locked),
        },
        game.locked ? 'Room locked (unlock)' : 'Lock the room',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--big',
          'data-testid': 'live-begin',
          'data-focus-key': 'begin',
          disabled: game.seats.length === 0 || game.phase === 'starting',
          onclick: () => act.begin(),
        },
        'Start the game',
      ),
    ),
  );
}

/** Where the game is, and the way out while the site's header is folded away. */
function counter(game: LiveGame, act: HostActions) {
  return h(
    'div',
    { class: 'stage__bar' },
    h('p', { class: 'stage__count' }, `Question ${game.round + 1} of ${game.rounds.length}`),
    h('button', { type: 'button', class: 'link-button stage__leave', onclick: () => act.end() }, 'End the game'),
  );
}

function open(game: LiveGame, now: number, act: HostActions) {
  const q = question(game)!;
  const closes = closesAt(game);
  const left = closes === null ? 0 : Math.max(0, Math.ceil((closes - now) / 1000));
  const answered = Object.keys(game.answers).length;
  return h(
    'section',
    { class: 'stage__panel live-question', 'aria-labelledby': 'live-prompt' },
    counter(game, act),
    h('p', { class: 'preview__kind' }, kindLabel(q)),
    h('h2', { id: 'live-prompt', class: 'prompt', 'data-testid': 'question' }, q.prompt),
    h(
      'div',
      { class: 'status' },
      h(
        'p',
        { class: 'timer', 'data-testid': 'timer', role: 'timer', 'aria-label': `${left} seconds left` },
        h('span', { class: 'timer__number' }, String(left)),
      ),
      h(
        'p',
        { class: 'live-answered', 'data-testid': 'live-answered', 'aria-live': 'polite' },
        answeredLine(answered, game.players.length),
      ),
    ),
    choices(game),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'button button--quiet', 'data-focus-key': 'reveal', onclick: () => act.reveal() },
        'Show the answer now',
      ),
    ),
  );
}

/** The question's choices as the room sees them on the big screen (not pressable here). */
function choices(game: LiveGame, counts?: number[]) {
  const q = question(game)!;
  const labels = q.type === 'quiz' ? q.options : q.type === 'true-false' ? ['True', 'False'] : null;
  if (labels) {
    const right = (i: number) => (q.type === 'quiz' ? q.correct.includes(i) : q.type === 'true-false' && q.answer === (i === 0));
    return h(
      'ul',
      { class: 'tiles live-tiles', 'aria-label': counts ? 'How the room answered' : 'Answers' },
      ...labels.map((label, i) => {
        const { colour, shape: form } = TILES[q.type === 'true-false' ? [1, 0][i]! : i]!;
        return h(
          'li',
          {
            class: 'tile',
            'data-colour': colour,
            'data-right': counts ? right(i) : undefined,
            'data-testid': counts ? 'live-distribution' : undefined,
          },
          shape(form),
          h('span', { class: 'tile__text' }, label),
          counts ? h('span', { class: 'live-count' }, `${right(i) ? '✓ ' : ''}${plural(counts[i] ?? 0, 'answer')}`) : null,
        );
      }),
    );
  }
  if (q.type === 'puzzle') {
    const start = game.rounds[game.round]!.start;
    return h('ol', { class: 'live-items', 'aria-label': 'Items to put in order' }, ...start.map((i) => h('li', {}, q.items[i]!)));
  }
  if (q.type === 'slider') return h('p', {}, `Somewhere from ${q.min} to ${q.max}${q.unit ? ` ${q.unit}` : ''}`);
  return h('p', {}, 'Type the answer on your phone.');
}

function reveal(game: LiveGame, act: HostActions) {
  const q = question(game)!;
  const results = game.players.map((p) => p.results[game.round]);
  const right = results.filter((r) => r?.correct).length;
  const counts = optionCounts(game);
  return h(
    'section',
    { class: 'stage__panel reveal live-reveal', 'aria-labelledby': 'live-reveal-title' },
    counter(game, act),
    h('h2', { id: 'live-reveal-title', class: 'prompt', 'data-testid': 'question' }, q.prompt),
    counts.length ? choices(game, counts) : null,
    h('p', { 'data-testid': 'live-right-count' }, `${right} of ${results.length} right`),
    lesson(q, { newTab: true }),
    nextButton(
      hasLeaderboard(game) ? 'Leaderboard' : game.round + 1 >= game.rounds.length ? 'The podium' : 'Next question',
      () => act.next(),
      'next',
    ),
  );
}

/** "3 of 12 answered": the one line an answer coming in changes. */
export const answeredLine = (answered: number, players: number) => `${answered} of ${players} answered`;

/** A player as the host's lists show them: "(away)" while their phone is not connected. */
const row = (game: LiveGame) => (s: LiveStanding) => ({
  rank: s.rank,
  score: s.score,
  name: s.nickname + (game.seats.some((seat) => seat.id === s.id && !seat.connected) ? ' (away)' : ''),
});

function top(game: LiveGame, act: HostActions) {
  const last = game.round + 1 >= game.rounds.length;
  return h(
    'section',
    { class: 'stage__panel', 'aria-labelledby': 'live-top-title' },
    counter(game, act),
    h('h2', { id: 'live-top-title' }, 'Leaderboard'),
    standingsList(standings(game).slice(0, LEADERBOARD_SIZE).map(row(game)), 'leaderboard'),
    nextButton(last ? 'The podium' : 'Next question', () => act.next(), 'next'),
  );
}

function end(game: LiveGame, act: HostActions) {
  const everyone = standings(game).map(row(game));
  return h(
    'section',
    { class: 'stage__panel podium-panel', 'aria-labelledby': 'live-podium-title' },
    h('h2', { id: 'live-podium-title' }, 'The podium'),
    podiumSteps(everyone.slice(0, 3)),
    h('h3', { id: 'live-ranks-title' }, 'Everyone'),
    standingsList(everyone, 'live-ranks', { ordinals: true, labelledBy: 'live-ranks-title' }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'button', onclick: () => act.close() }, 'Close the room'),
    ),
  );
}
