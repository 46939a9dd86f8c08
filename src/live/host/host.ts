// The host's side of a live game, loaded only when someone hosts one: the session with the server, the game model
// kept in localStorage (parsed with its schema, so a reload gets the room back with every player in it), the
// countdown, and one screen per phone sent on every change and again whenever a phone comes back. The screen is
// redrawn whole only when the phase or the room changes; an answer coming in touches one line.
import { boolean, nullable } from 'zod/mini';
import type { Bank } from '../../quiz/bank.ts';
import { packQuestions } from '../../quiz/pack.ts';
import { parsedAtom } from '../../quiz/store.ts';
import {
  answeredCount,
  begin,
  closesAt,
  everyoneAnswered,
  liveGame,
  newGame,
  next,
  openAnswers,
  readyEndsAt,
  receive,
  screenFor,
  screensOf,
  seat,
  settle,
  askedCount,
  started,
  unseat,
  type LiveGame,
  type LiveOptions,
} from '../game.ts';
import { LIVE_HOST_STORE } from '../keys.ts';
import { RESTORE_CHUNK, type ReplyOf, type Screen } from '../protocol.ts';
import { LiveSession } from '../session.ts';
import { Music, type Loop } from './music.ts';
import { resultsCsv, resultsJson } from './results.ts';
import { animateIn, answeredLine, hostView, patchLobby, readyLine } from './view.ts';

interface HostPage {
  stage: HTMLElement;
  announce(message: string): void;
  /** A standing line about the connection to the server ('' when all is well). */
  status(message: string): void;
  /** The server answered: whatever said live games need it can go. */
  connected(): void;
  /** Back to the setup form, with a message when something went wrong. */
  done(message?: string): void;
  /** Ask whether to end the game in play; `end` runs on yes. */
  confirmEnd(end: () => void): void;
}

/** Screens sent to phones per task when the whole room changes phase. */
const SHOW_CHUNK = 200;
/**
 * The next task, through a message port: the page draws and takes input in between. Not a timer, which a paused or
 * throttled clock (a background tab, a test's fake clock) would hold back.
 */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
/**
 * Storage is written on every phase change, otherwise at most this often (answers arrive by the hundred), and then
 * never for more than a tenth of the time: a room of 2,000 is a write of about 1.6 MB, some 60 ms on a laptop at
 * rest and three times that on a busy one.
 */
const SAVE_EVERY_MS = 1_000;
/** The host's sound: on unless this host turned it off (remembered across games). */
const HOST_SOUND_STORE = 'dbweek-live-sound';
/** The podium's drumroll runs while third and second rise; the fanfare is the winner's (live.css times the steps). */
const DRUMROLL_S = 3;
const LOOPS: Partial<Record<LiveGame['phase'], Loop>> = {
  lobby: 'lobby',
  starting: 'lobby',
  'get-ready': 'question',
  question: 'question',
  leaderboard: 'lobby',
};
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Open a room with these options, or (without options) take back the stored one. */
export function host(page: HostPage, bank: Bank, options: LiveOptions | null) {
  const $stored = parsedAtom<LiveGame | null>(LIVE_HOST_STORE, null, nullable(liveGame));
  let game: LiveGame | null = options ? null : $stored.get();
  const session = new LiveSession({ base: import.meta.env.BASE_URL });
  let tick: ReturnType<typeof setInterval> | undefined;
  let saveLater: ReturnType<typeof setTimeout> | undefined;
  let fanfare: ReturnType<typeof setTimeout> | undefined;
  const $sound = parsedAtom<boolean>(HOST_SOUND_STORE, true, boolean());
  const music = new Music($sound.get());
  /** The last whole second the countdown showed, so each of the last five ticks once. */
  let shownLeft = -1;

  /** How long the last write took, which spaces the writes while answers come in. */
  let writeMs = 0;
  /** A write waiting for the next task; a newer state or the game's end replaces or cancels it. */
  let writing = false;
  function write() {
    clearTimeout(saveLater);
    saveLater = undefined;
    writing = false;
    const start = performance.now();
    $stored.set(game);
    writeMs = performance.now() - start;
  }
  /**
   * Now (a phase change): in a task of its own right after this one, so the new screen is drawn first and the
   * two never make one long task. Otherwise later, spaced out.
   */
  function save(now: boolean) {
    // A write already waiting for the next task will write the state as it is by then.
    if (writing) return;
    if (now) {
      writing = true;
      void nextTask().then(() => writing && write());
    } else {
      saveLater ??= setTimeout(write, Math.max(SAVE_EVERY_MS, 10 * writeMs));
    }
  }
  // Whether the page is scrolled down, as its scroll events tell: asked on a phase change instead, it would make the
  // browser lay the new screen out at once (a 2,000-player lobby or leaderboard: 100 ms and more), inside the task
  // that drew it.
  let scrolledDown = window.scrollY > 0;
  const onScroll = () => (scrolledDown = window.scrollY > 0);
  window.addEventListener('scroll', onScroll, { passive: true });
  // A page closed or reloaded keeps every answer it had: what waited to be written is written now.
  const flush = () => {
    if (writing || saveLater !== undefined) write();
  };
  window.addEventListener('pagehide', flush);

  const show = (to: string, screen: Screen | undefined) => {
    if (screen) void session.request('host:show', { to, screen });
  };
  /** Which round of screens is going out: a newer one stops an older one mid-way. */
  let sending = 0;
  /**
   * Every phone its screen, SHOW_CHUNK at a time with the page free between chunks, so that a room of 2,000 never
   * holds the countdown still. Each chunk reads the game as it is then: a phone that answered meanwhile gets
   * "answered", never the question again.
   */
  async function showEveryone() {
    if (!game) return;
    const round = ++sending;
    const ids = game.seats.map((s) => s.id);
    for (let i = 0; i < ids.length; i += SHOW_CHUNK) {
      if (i > 0) await nextTask();
      if (round !== sending || !game) return;
      const screenOf = screensOf(game);
      for (const id of ids.slice(i, i + SHOW_CHUNK)) show(id, screenOf(id));
    }
  }

  /** A new state: phase or round changed, or the room did (seats, lock); everything is redrawn and stored. */
  function update(changed: LiveGame, toPhones = false) {
    const phaseChanged = changed.phase !== game?.phase || changed.round !== game?.round;
    game = changed;
    save(phaseChanged);
    draw(phaseChanged);
    if (toPhones || phaseChanged) void showEveryone();
    clearInterval(tick);
    if (game.phase === 'question' || game.phase === 'get-ready') tick = setInterval(countdown, 100);
    if (phaseChanged) sound();
  }

  /** What the room hears as a phase begins. */
  function sound() {
    if (!game) return;
    clearTimeout(fanfare);
    if (game.phase === 'reveal') music.sting();
    else if (game.phase === 'podium') {
      music.drumroll(DRUMROLL_S);
      fanfare = setTimeout(() => music.fanfare(), DRUMROLL_S * 1000);
    } else music.play(LOOPS[game.phase] ?? null);
  }

  function countdown() {
    if (!game) return;
    const now = Date.now();
    const readyEnds = readyEndsAt(game);
    if (readyEnds !== null) {
      if (now >= readyEnds) return update(openAnswers(game, now));
      const line = page.stage.querySelector('[data-testid="ready-left"]');
      const text = readyLine(readyEnds - now);
      if (line && line.textContent !== text) line.textContent = text;
      return;
    }
    const closes = closesAt(game);
    if (closes !== null && now >= closes) return update(settle(game));
    const timer = page.stage.querySelector('[data-testid="timer"]');
    const left = closes === null ? 0 : Math.max(0, Math.ceil((closes - now) / 1000));
    if (left !== shownLeft && left > 0 && left <= 5) music.tick();
    shownLeft = left;
    const number = timer?.querySelector('.timer__number');
    if (timer && number && number.textContent !== String(left)) {
      number.textContent = String(left);
      timer.setAttribute('aria-label', `${left} seconds left`);
      timer.toggleAttribute('data-warning', left <= 5);
    }
  }

  const ui = () => ({ sound: $sound.get(), fullscreen: Boolean(document.fullscreenElement) });

  function draw(phaseChanged: boolean) {
    if (!game) return;
    // The screen is the game's, for the projector: the site's header and footer fold away (as in solo play).
    // In every phase, lobby and podium included: the room sees the game, not the site.
    document.documentElement.setAttribute('data-game-on', '');
    const active = document.activeElement as HTMLElement | null;
    const focused = active?.dataset['focusKey'];
    const onHeading = active?.tagName === 'H2' && page.stage.contains(active);
    // In the lobby (and while Start is on its way), an arrival, a lock or the start changes a row and a few buttons:
    // those are patched, the rest stays, where the host has scrolled it.
    const patched = patchLobby(page.stage, game, actions);
    if (!patched) page.stage.replaceChildren(hostView(game, Date.now(), actions, ui()));
    if (phaseChanged) animateIn(page.stage, game, reducedMotion());
    const again = focused && page.stage.querySelector<HTMLElement>(`[data-focus-key="${focused}"]:not([disabled])`);
    // A new screen starts at the top (the setup form may have been scrolled away).
    if (phaseChanged && !patched && scrolledDown) window.scrollTo({ top: 0 });
    if (again) again.focus();
    else if (phaseChanged || onHeading) {
      const heading = page.stage.querySelector<HTMLElement>('h2');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus({ preventScroll: true });
    }
    if (phaseChanged) page.announce(page.stage.querySelector('h2')?.textContent ?? '');
  }

  const actions = {
    async kick(id: string) {
      const reply = await session.request('host:kick', { id });
      if (reply.ok && game) update(unseat(game, id));
      else if (!reply.ok) page.announce(reply.message);
    },
    async kickAway() {
      const reply = await session.request('host:kick-away', {});
      if (reply.ok && game) update(reply.removed.reduce(unseat, game));
      else if (!reply.ok) page.announce(reply.message);
    },
    async lock(locked: boolean) {
      const reply = await session.request('host:lock', { locked });
      if (reply.ok && game) update({ ...game, locked: reply.locked });
      else if (!reply.ok) page.announce(reply.message);
    },
    async begin() {
      if (!game) return;
      const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
      const dealt = begin(game, packQuestions(bank, game.options.pack), seed);
      if (dealt === game) return;
      update(dealt);
      await startOnServer();
    },
    reveal: () => game && update(settle(game)),
    next: () => game && update(next(game, Date.now())),
    async close() {
      // Disconnect only once the server has closed the room (or its request has timed out): a disconnect that
      // overtakes the request would leave the phones waiting in a room nobody hosts.
      await session.request('host:close', {}, 2_000);
      finish();
    },
    end: () => page.confirmEnd(() => void actions.close()),
    sound() {
      $sound.set(!$sound.get());
      music.set($sound.get());
      if ($sound.get()) sound();
      redrawTools();
      page.announce($sound.get() ? 'Sound on' : 'Sound off');
    },
    fullscreen() {
      // The whole page goes full screen, so the stage's redraws on every phase stay in it.
      const request = document.fullscreenElement
        ? document.exitFullscreen()
        : document.documentElement.requestFullscreen({ navigationUI: 'hide' });
      void request.catch(() => page.announce('This browser did not allow full screen.'));
    },
    download(format: 'csv' | 'json') {
      if (!game) return;
      const text = format === 'csv' ? resultsCsv(game) : resultsJson(game);
      const type = format === 'csv' ? 'text/csv' : 'application/json';
      const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
      const link = Object.assign(document.createElement('a'), { href: url, download: `live-game-${game.pin}.${format}` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };

  /** The sound and full-screen buttons say what they are now, without redrawing the phase. */
  function redrawTools() {
    const { sound: on, fullscreen } = ui();
    const soundButton = page.stage.querySelector('[data-testid="live-sound"]');
    soundButton?.setAttribute('aria-pressed', String(on));
    if (soundButton) soundButton.textContent = on ? 'Sound on' : 'Sound off';
    const screenButton = page.stage.querySelector('[data-testid="live-fullscreen"]');
    screenButton?.setAttribute('aria-pressed', String(fullscreen));
    if (screenButton) screenButton.textContent = fullscreen ? 'Leave full screen' : 'Full screen';
  }
  document.addEventListener('fullscreenchange', redrawTools);
  // F for full screen and M for sound, as on a video player; not while typing, and not with a modifier.
  function onKey(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable], dialog')) return;
    if (event.key === 'f' || event.key === 'F') actions.fullscreen();
    else if (event.key === 'm' || event.key === 'M') actions.sound();
  }
  document.addEventListener('keydown', onKey);

  /**
   * The room is marked started on the server, which answers with who is in it: they are the players. The first
   * question opens only then, so a phone seated while the start was on its way plays, and nobody's time runs early.
   */
  async function startOnServer() {
    const reply = await session.request('host:start', { lateJoin: game?.options.lateJoin ?? true });
    if (!game || game.phase !== 'starting') return;
    if (reply.ok) return update(started(game, reply.players, Date.now()));
    // Not started (the connection dropped meanwhile): back to the lobby, where Start can be pressed again.
    page.announce(reply.message);
    update({ ...game, phase: 'lobby', rounds: [] });
  }

  function finish(message?: string) {
    clearInterval(tick);
    clearTimeout(saveLater);
    saveLater = undefined;
    writing = false;
    window.removeEventListener('pagehide', flush);
    window.removeEventListener('scroll', onScroll);
    clearTimeout(fanfare);
    music.close();
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('fullscreenchange', redrawTools);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    document.documentElement.removeAttribute('data-game-on');
    $stored.set(null);
    session.close();
    page.done(message);
  }

  // Every (re)connection: open the room the first time, take it back after a reload or a dropped connection.
  session.onConnect(() => void connect());
  async function connect() {
    page.status('');
    page.connected();
    if (!game) {
      if (!options) return finish();
      const reply = await session.request('host:open', { base: import.meta.env.BASE_URL });
      if (!reply.ok) return finish(reply.message);
      return update(newGame(reply.pin, reply.hostToken, reply.join, options));
    }
    let reply = await session.persist('host:resume', { pin: game.pin, hostToken: game.hostToken });
    // The server lost the room (restarted without Redis): give it back from what this browser holds.
    if (!reply.ok && reply.error === 'no-room' && game) reply = await giveBack(game);
    if (!game) return;
    if (!reply.ok) {
      // A timeout is the connection's, not the room's: the next connection tries again.
      if (reply.error === 'timeout' || reply.error === 'unavailable') return;
      return finish(`The room ${game.pin} is gone: ${reply.message}`);
    }
    let back = game;
    for (const s of back.seats) if (!reply.players.some((p) => p.id === s.id)) back = seat(back, { ...s, connected: false });
    for (const p of reply.players) back = seat(back, p);
    if (back.phase === 'starting') {
      // The start was on its way when the connection dropped: finish it, or ask again.
      if (reply.started) back = started(back, reply.players, Date.now());
      else {
        game = back;
        return void startOnServer();
      }
    }
    update(back, true);
  }
  /**
   * A server that restarted without Redis has forgotten the room; this browser has not. Hand it back, a chunk of
   * seats at a time (each seat with its token's hash, so every phone's own token still fits), and carry on as after
   * a resume, every seat away until its phone comes back.
   */
  async function giveBack(held: LiveGame): Promise<ReplyOf<'host:resume'>> {
    const seats = held.seats.flatMap((s) => (s.tokenHash ? [{ id: s.id, nickname: s.nickname, tokenHash: s.tokenHash }] : []));
    const room = {
      pin: held.pin,
      hostToken: held.hostToken,
      locked: held.locked,
      started: held.phase !== 'lobby',
      lateJoin: held.options.lateJoin,
    };
    for (let i = 0; i === 0 || i < seats.length; i += RESTORE_CHUNK) {
      const restored = await session.request('host:restore', { ...room, seats: seats.slice(i, i + RESTORE_CHUNK) });
      if (!restored.ok) return restored;
    }
    page.announce('The game server restarted; the room is back.');
    return { ok: true, locked: room.locked, started: room.started, players: seats.map((s) => ({ ...s, connected: false })) };
  }

  // Answers given while the host is away are not lost: on its return it sends every phone its screen again, and a
  // phone still holding an answer for that question sends it again.
  session.onDisconnect((reason) => {
    if (reason !== 'io client disconnect') page.status('Connection to the game server lost. Reconnecting…');
  });
  session.onConnectError(() => {
    if (!game) finish('Live games need the site’s own server, and it did not answer. Run it with npm start.');
  });
  session.on('room:seat', (arriving) => {
    if (!game) return;
    update(seat(game, arriving));
    if (arriving.connected) show(arriving.id, screenFor(game, arriving.id));
  });
  session.on('room:answer', ({ from, round, answer }) => {
    if (!game) return;
    const received = receive(game, from, round, answer, Date.now());
    if (received === game) return;
    game = received;
    show(from, screenFor(game, from));
    if (everyoneAnswered(game)) return update(settle(game));
    save(false);
    const line = page.stage.querySelector('[data-testid="live-answered"]');
    if (line) line.textContent = answeredLine(answeredCount(game), askedCount(game));
  });
  session.on('live:error', (error) => page.announce(error.message));

  if (game) draw(true);
}
