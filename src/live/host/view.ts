// The host's screen, for a projector, one function per phase: the lobby with PIN, join address and QR code; the
// question alone (get ready) with a bar running out; the open question with its countdown and how many have
// answered; the reveal with a bar per option, the wrong ones dimmed, and the lesson; the top five with points
// gained and moves; the podium, every player's final rank, the results to download and the hardest questions.
// Pure DOM from the game, redrawn on each change; the sound and full-screen buttons sit on every phase.
import { h, shape, TILES } from '../../quiz/dom.ts';
import { kindLabel, plural } from '../../quiz/labels.ts';
import { ranked } from '../../quiz/scoring.ts';
import {
  askedCount,
  closesAt,
  hasLeaderboard,
  LEADERBOARD_SIZE,
  optionCounts,
  question,
  readyEndsAt,
  standings,
  type LiveGame,
  type LiveStanding,
} from '../game.ts';
import { lesson, nextButton, podiumSteps, standingsList } from '../../quiz/phases/parts.ts';
import { qrCode } from './qr.ts';
import { hardest } from './results.ts';

/** The host's screen settings, not the game's: shown on every phase. */
export interface HostUi {
  sound: boolean;
  fullscreen: boolean;
}

export interface HostActions {
  kick(id: string): void;
  /** Remove every seat whose phone is away, at once. */
  kickAway(): void;
  lock(locked: boolean): void;
  begin(): void;
  reveal(): void;
  next(): void;
  close(): void;
  /** Ask before ending a game in play, then close the room. */
  end(): void;
  sound(): void;
  fullscreen(): void;
  download(format: 'csv' | 'json'): void;
}

export function hostView(game: LiveGame, now: number, act: HostActions, ui: HostUi): HTMLElement {
  const panel = phaseView(game, now, act);
  panel.prepend(tools(game, act, ui));
  panel.dataset['phase'] = game.phase;
  return panel;
}

function phaseView(game: LiveGame, now: number, act: HostActions): HTMLElement {
  switch (game.phase) {
    case 'lobby':
    case 'starting':
      return lobby(game, act);
    case 'get-ready':
      return ready(game, now);
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

/** The bar across the top of every phase: where the game is, sound, full screen, and the way out. */
function tools(game: LiveGame, act: HostActions, ui: HostUi) {
  const playing = game.phase !== 'lobby' && game.phase !== 'starting' && game.phase !== 'podium';
  return h(
    'div',
    { class: 'stage__bar live-tools' },
    playing ? h('p', { class: 'stage__count' }, `Question ${game.round + 1} of ${game.rounds.length}`) : null,
    h(
      'button',
      {
        type: 'button',
        class: 'button button--quiet live-tools__button',
        'data-testid': 'live-sound',
        'data-focus-key': 'sound',
        'aria-pressed': String(ui.sound),
        'aria-keyshortcuts': 'M',
        onclick: () => act.sound(),
      },
      ui.sound ? 'Sound on' : 'Sound off',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'button button--quiet live-tools__button',
        'data-testid': 'live-fullscreen',
        'data-focus-key': 'fullscreen',
        'aria-pressed': String(ui.fullscreen),
        'aria-keyshortcuts': 'F',
        onclick: () => act.fullscreen(),
      },
      ui.fullscreen ? 'Leave full screen' : 'Full screen',
    ),
    playing ? h('button', { type: 'button', class: 'link-button stage__leave', onclick: () => act.end() }, 'End the game') : null,
  );
}

/** A seat's row in the lobby; `data-key` changes whenever what the row shows does. */
function seatRow(s: LiveGame['seats'][number], act: HostActions) {
  return h(
    'li',
    { class: 'live-seat', 'data-testid': 'live-player', 'data-away': !s.connected, 'data-seat': s.id, 'data-key': seatKey(s) },
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
  );
}
const seatKey = (s: LiveGame['seats'][number]) => `${s.id} ${s.connected ? 1 : 0} ${s.nickname}`;
const seatCount = (game: LiveGame) => (game.seats.length ? plural(game.seats.length, 'player') : 'Waiting for players…');

function lobbyActions(game: LiveGame, act: HostActions) {
  const away = game.seats.filter((s) => !s.connected).length;
  return h(
    'div',
    { class: 'actions live-lobby__actions' },
    away > 0
      ? h(
          'button',
          {
            type: 'button',
            class: 'button button--quiet',
            'data-focus-key': 'kick-away',
            onclick: () => act.kickAway(),
          },
          `Remove ${plural(away, 'away player')}`,
        )
      : null,
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
      // While the server freezes the seats (a moment, longer on a slow network), the button says what is happening.
      game.phase === 'starting' ? 'Starting…' : 'Start the game',
    ),
  );
}

function lobby(game: LiveGame, act: HostActions) {
  return h(
    'section',
    { class: 'stage__panel live-lobby', 'aria-labelledby': 'live-title' },
    h('h2', { id: 'live-title', class: 'live-title' }, 'Join on your phone'),
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
    h('h3', { id: 'live-players-title', 'aria-live': 'polite' }, seatCount(game)),
    h('ul', { class: 'live-seats', 'aria-labelledby': 'live-players-title' }, ...game.seats.map((s) => seatRow(s, act))),
    lobbyActions(game, act),
  );
}

/**
 * The lobby patched where the room changed: a row per new or changed seat, the count and the buttons; the PIN, the
 * QR code and every other row stay. A whole redraw on each of 2,000 arrivals would hold the page through a join
 * storm, and so would one when Start is pressed (the lobby stays on screen, its Start button disabled, while the
 * server freezes the seats). False when the stage shows no lobby to patch or the game has left the lobby.
 */
export function patchLobby(stage: HTMLElement, game: LiveGame, act: HostActions): boolean {
  const panel = stage.querySelector<HTMLElement>(':scope > [data-phase="lobby"], :scope > [data-phase="starting"]');
  const list = panel?.querySelector('.live-seats');
  const count = panel?.querySelector('#live-players-title');
  const actions = panel?.querySelector('.live-lobby__actions');
  if ((game.phase !== 'lobby' && game.phase !== 'starting') || !panel || !list || !count || !actions) return false;
  panel.dataset['phase'] = game.phase;
  const seated = new Set(game.seats.map((s) => s.id));
  const rows = new Map<string, HTMLElement>();
  for (const row of [...list.children] as HTMLElement[]) {
    if (seated.has(row.dataset['seat']!)) rows.set(row.dataset['seat']!, row);
    else row.remove();
  }
  game.seats.forEach((s, i) => {
    let row = rows.get(s.id);
    if (row?.dataset['key'] !== seatKey(s)) {
      const fresh = seatRow(s, act);
      row?.remove();
      row = fresh;
    }
    if (list.children[i] !== row) list.insertBefore(row, list.children[i] ?? null);
  });
  if (count.textContent !== seatCount(game)) count.textContent = seatCount(game);
  actions.replaceWith(lobbyActions(game, act));
  return true;
}

/** The question alone while the room reads it: a bar runs out, then the answers open. */
function ready(game: LiveGame, now: number) {
  const q = question(game)!;
  const ends = readyEndsAt(game) ?? now;
  const total = game.options.getReady * 1000;
  const left = Math.max(0, ends - now);
  return h(
    'section',
    { class: 'stage__panel live-ready', 'aria-labelledby': 'live-prompt', 'data-testid': 'get-ready' },
    h('p', { class: 'preview__kind' }, `Get ready · ${kindLabel(q)}`),
    h('h2', { id: 'live-prompt', class: 'prompt live-prompt', 'data-testid': 'question' }, q.prompt),
    h(
      'div',
      { class: 'live-ready__track', 'aria-hidden': 'true' },
      // The bar is drawn where it stands now, so a reloaded screen picks it up mid-way.
      h('div', {
        class: 'live-ready__bar',
        style: `--ready-ms:${total}ms;--ready-gone:-${total - left}ms;--ready-left:${total ? left / total : 0}`,
      }),
    ),
    h('p', { class: 'live-ready__left', 'data-testid': 'ready-left' }, readyLine(left)),
  );
}

/** "Answers open in 3 s": the one line the get-ready countdown changes. */
export const readyLine = (ms: number) => `Answers open in ${Math.ceil(ms / 1000)} s`;

function open(game: LiveGame, now: number, act: HostActions) {
  const q = question(game)!;
  const closes = closesAt(game);
  const left = closes === null ? 0 : Math.max(0, Math.ceil((closes - now) / 1000));
  const answered = Object.keys(game.answers).length;
  return h(
    'section',
    { class: 'stage__panel live-question', 'aria-labelledby': 'live-prompt' },
    h('p', { class: 'preview__kind' }, kindLabel(q)),
    h('h2', { id: 'live-prompt', class: 'prompt live-prompt', 'data-testid': 'question' }, q.prompt),
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
        answeredLine(answered, askedCount(game)),
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

const labelsOf = (game: LiveGame) => {
  const q = question(game)!;
  return q.type === 'quiz' ? q.options : q.type === 'true-false' ? ['True', 'False'] : null;
};
const tileOf = (game: LiveGame, i: number) => TILES[question(game)!.type === 'true-false' ? [1, 0][i]! : i]!;
function isRight(game: LiveGame, i: number) {
  const q = question(game)!;
  return q.type === 'quiz' ? q.correct.includes(i) : q.type === 'true-false' && q.answer === (i === 0);
}

/** The question's choices as the room sees them on the big screen (not pressable here); marked from the reveal on. */
function choices(game: LiveGame, counts?: number[]) {
  const q = question(game)!;
  const labels = labelsOf(game);
  if (labels) {
    return h(
      'ul',
      { class: 'tiles live-tiles', 'aria-label': counts ? 'The answers, right and wrong' : 'Answers' },
      ...labels.map((label, i) => {
        const { colour, shape: form } = tileOf(game, i);
        const right = counts ? String(isRight(game, i)) : undefined;
        // The coloured plate is what dims at the reveal; the words sit on it, outside its opacity, so a wrong
        // answer steps back without becoming hard to read.
        return h(
          'li',
          { class: 'tile live-choice', 'data-colour': colour, 'data-right': right },
          h('span', { class: 'live-plate', 'data-testid': 'live-option', 'data-right': right, 'aria-hidden': 'true' }),
          h(
            'span',
            { class: 'live-choice__content' },
            shape(form),
            h('span', { class: 'tile__text' }, label),
            counts
              ? h('span', { class: 'live-mark' }, isRight(game, i) ? '✓ Right' : h('span', { class: 'visually-hidden' }, 'Wrong'))
              : null,
          ),
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

/** How the room answered: a bar per option, its height in proportion to its count, the count in numbers. */
function chart(game: LiveGame, counts: number[]) {
  const most = Math.max(1, ...counts);
  return h(
    'ul',
    { class: 'live-chart', 'aria-label': 'How the room answered' },
    ...counts.map((count, i) => {
      const { colour, shape: form } = tileOf(game, i);
      const right = isRight(game, i);
      return h(
        'li',
        { class: 'live-chart__column', 'data-colour': colour, 'data-right': String(right) },
        h(
          'span',
          { class: 'live-chart__count' },
          right ? '✓ ' : '',
          String(count),
          h('span', { class: 'visually-hidden' }, ` picked ${labelsOf(game)![i]}${right ? ' (right)' : ''}`),
        ),
        h('span', {
          class: 'live-bar',
          'data-testid': 'live-bar',
          'data-count': count,
          style: `--share:${count / most}`,
        }),
        shape(form),
      );
    }),
  );
}

function reveal(game: LiveGame, act: HostActions) {
  const q = question(game)!;
  const results = game.players.map((p) => p.results[game.round]).filter((r) => r && !r.late);
  const right = results.filter((r) => r?.correct).length;
  const counts = optionCounts(game);
  return h(
    'section',
    { class: 'stage__panel reveal live-reveal', 'aria-labelledby': 'live-reveal-title' },
    h('h2', { id: 'live-reveal-title', class: 'prompt live-prompt live-prompt--small', 'data-testid': 'question' }, q.prompt),
    counts.length ? chart(game, counts) : null,
    counts.length ? choices(game, counts) : null,
    h('p', { class: 'live-right-count', 'data-testid': 'live-right-count' }, `${right} of ${results.length} right`),
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
const row = (game: LiveGame) => {
  const away = new Set(game.seats.flatMap((seat) => (seat.connected ? [] : [seat.id])));
  return (s: LiveStanding) => ({ rank: s.rank, score: s.score, name: s.nickname + (away.has(s.id) ? ' (away)' : '') });
};

/** Each player's rank before this round's points: where the leaderboard's rows move from. */
export function ranksBefore(game: LiveGame): Map<string, number> {
  const before = game.players.map((p) => {
    const r = p.results[game.round];
    return { id: p.id, score: p.score - (r ? r.points + r.bonus : 0) };
  });
  return new Map(ranked(before).map((p) => [p.id, p.rank]));
}

function top(game: LiveGame, act: HostActions) {
  const last = game.round + 1 >= game.rounds.length;
  const before = ranksBefore(game);
  const rows = standings(game).slice(0, LEADERBOARD_SIZE);
  const shown = row(game);
  return h(
    'section',
    { class: 'stage__panel live-top', 'aria-labelledby': 'live-top-title' },
    h('h2', { id: 'live-top-title', class: 'live-title' }, 'Leaderboard'),
    h(
      'ol',
      { class: 'standings live-standings', 'data-testid': 'leaderboard' },
      ...rows.map((s) => {
        const r = s.results[game.round];
        const gained = r ? r.points + r.bonus : 0;
        const move = (before.get(s.id) ?? s.rank) - s.rank;
        return h(
          'li',
          { class: 'standings__row', 'data-player': s.id, 'data-move': move },
          h('span', { class: 'standings__rank' }, `${s.rank}.`),
          h('span', { class: 'standings__name' }, shown(s).name),
          h('span', { class: 'standings__score' }, `${s.score} points`),
          h('span', { class: 'live-gain' }, `+${gained}`),
          h(
            'span',
            { class: 'live-move', 'data-testid': 'live-move' },
            move > 0 ? `▲ up ${move}` : move < 0 ? `▼ down ${-move}` : h('span', { class: 'visually-hidden' }, 'no change'),
          ),
        );
      }),
    ),
    nextButton(last ? 'The podium' : 'Next question', () => act.next(), 'next'),
  );
}

function end(game: LiveGame, act: HostActions) {
  const everyone = standings(game).map(row(game));
  const hard = hardest(game);
  return h(
    'section',
    { class: 'stage__panel podium-panel live-podium', 'aria-labelledby': 'live-podium-title' },
    h('h2', { id: 'live-podium-title', class: 'live-title' }, 'The podium'),
    podiumSteps(everyone.slice(0, 3)),
    h(
      'div',
      { class: 'live-after' },
      h(
        'div',
        {},
        h('h3', { id: 'live-ranks-title' }, 'Everyone'),
        standingsList(everyone, 'live-ranks', { ordinals: true, labelledBy: 'live-ranks-title' }),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Keep the results'),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', class: 'button', 'data-testid': 'live-download-csv', onclick: () => act.download('csv') },
            'Download results (CSV)',
          ),
          h(
            'button',
            { type: 'button', class: 'button', 'data-testid': 'live-download-json', onclick: () => act.download('json') },
            'Download results (JSON)',
          ),
          h('button', { type: 'button', class: 'button button--quiet', onclick: () => act.close() }, 'Close the room'),
        ),
        h('h3', { id: 'live-hard-title' }, hard.length ? 'The hardest questions' : 'Every question answered right'),
        hard.length
          ? h(
              'ol',
              { class: 'live-hard', 'aria-labelledby': 'live-hard-title', 'data-testid': 'live-hardest' },
              ...hard.map((q) =>
                h(
                  'li',
                  {},
                  h('span', {}, `${q.prompt} `),
                  h('span', { class: 'muted' }, `(${Math.round(q.shareRight! * 100)}% right) `),
                  h('a', { href: q.sourceHref, target: '_blank' }, 'Read the section'),
                ),
              ),
            )
          : null,
      ),
    ),
  );
}

/** Moves that show a change: the leaderboard's rows slide from their old places (Web Animations; none if reduced). */
export function animateIn(stage: HTMLElement, game: LiveGame, reduced: boolean) {
  if (reduced || game.phase !== 'leaderboard') return;
  for (const row of stage.querySelectorAll<HTMLElement>('.live-standings > li')) {
    const move = Number(row.dataset['move'] ?? 0);
    if (!move) continue;
    row.animate([{ transform: `translateY(${move * 110}%)` }, { transform: 'none' }], {
      duration: 900,
      delay: 300,
      easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
      fill: 'backwards',
    });
  }
}
