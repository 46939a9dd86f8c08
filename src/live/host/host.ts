// The host's side of a live game, loaded only when someone hosts one: the socket to the server, the game in
// localStorage (so a reload gets the room back with every player in it), the countdown, and one screen per
// phone sent on every change and again whenever a phone comes back.
import { io, type Socket } from 'socket.io-client';
import type { Bank } from '../../quiz/bank.ts';
import { answer as answerSchema } from '../../quiz/schema.ts';
import type { ClientEmits, Reply, Screen, Seat, ServerEvents } from '../protocol.ts';
import { LIVE_PATH } from '../protocol.ts';
import {
  begin,
  closesAt,
  everyoneAnswered,
  newGame,
  next,
  receive,
  screenFor,
  seat,
  settle,
  unseat,
  type LiveGame,
  type LiveOptions,
} from './game.ts';
import { hostView } from './view.ts';

const STORE = 'dbweek-live-host';

export function storedGame(): LiveGame | null {
  try {
    const raw = localStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as LiveGame) : null;
  } catch {
    return null;
  }
}

interface HostPage {
  stage: HTMLElement;
  announce(message: string): void;
  /** A standing line about the connection to the server ('' when all is well). */
  status(message: string): void;
  /** Back to the setup form, with a message when something went wrong. */
  done(message?: string): void;
  /** Ask whether to end the game in play; `end` runs on yes. */
  confirmEnd(end: () => void): void;
}

/** Open a room with these options, or (without options) take back the stored one. */
export function host(page: HostPage, bank: Bank, options: LiveOptions | null) {
  let game: LiveGame | null = options ? null : storedGame();
  const socket: Socket<ServerEvents, ClientEmits> = io({ path: LIVE_PATH, transports: ['websocket'] });
  let tick: ReturnType<typeof setInterval> | undefined;

  const save = () => game && localStorage.setItem(STORE, JSON.stringify(game));
  const show = (to: string, screen: Screen | undefined) => screen && socket.emit('host:show', { to, screen });
  const showEveryone = () => game?.seats.forEach((s) => show(s.id, screenFor(game!, s.id)));

  function update(changed: LiveGame, toPhones = false) {
    const phaseChanged = changed.phase !== game?.phase || changed.engine.round !== game?.engine.round;
    game = changed;
    save();
    draw(phaseChanged);
    if (toPhones || phaseChanged) showEveryone();
    clearInterval(tick);
    if (game.phase === 'question') tick = setInterval(countdown, 250);
  }

  function countdown() {
    if (!game) return;
    const closes = closesAt(game);
    if (closes !== null && Date.now() >= closes) return update(settle(game));
    const timer = page.stage.querySelector('[data-testid="timer"]');
    const left = closes === null ? 0 : Math.max(0, Math.ceil((closes - Date.now()) / 1000));
    if (timer && timer.textContent !== String(left)) {
      timer.querySelector('.timer__number')!.textContent = String(left);
      timer.setAttribute('aria-label', `${left} seconds left`);
    }
  }

  function draw(phaseChanged: boolean) {
    if (!game) return;
    // In play the screen is the game's, for the projector: the site's header and footer fold away (as in solo play).
    document.documentElement.toggleAttribute('data-game-on', game.phase !== 'lobby' && game.phase !== 'podium');
    const active = document.activeElement as HTMLElement | null;
    const focused = active?.dataset['focusKey'];
    const onHeading = active?.tagName === 'H2' && page.stage.contains(active);
    page.stage.replaceChildren(hostView(game, Date.now(), actions));
    const again = focused && page.stage.querySelector<HTMLElement>(`[data-focus-key="${focused}"]:not([disabled])`);
    // A new phase starts at the top of the screen (the setup form may have been scrolled away).
    if (phaseChanged) window.scrollTo({ top: 0 });
    if (again) again.focus();
    else if (phaseChanged || onHeading) {
      const heading = page.stage.querySelector<HTMLElement>('h2');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus({ preventScroll: true });
    }
    if (phaseChanged) page.announce(page.stage.querySelector('h2')?.textContent ?? '');
  }

  const actions = {
    kick(id: string) {
      socket.emit('host:kick', { id }, (reply: Reply<object>) => reply.ok && game && update(unseat(game, id)));
    },
    lock(locked: boolean) {
      socket.emit('host:lock', { locked }, (reply: Reply<object>) => reply.ok && game && update({ ...game, locked }));
    },
    begin() {
      if (!game) return;
      const pack = bank.packs.find((p) => p.id === game!.options.pack) ?? bank.packs[0]!;
      const ids = new Set(pack.questionIds);
      const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
      const started = begin(
        game,
        bank.questions.filter((q) => ids.has(q.id)),
        seed,
        Date.now(),
      );
      if (started === game) return;
      socket.emit('host:start', {});
      update(started);
    },
    reveal: () => game && update(settle(game)),
    next: () => game && update(next(game, Date.now())),
    close() {
      // Disconnect only once the server has closed the room (or after two seconds without an answer): a
      // disconnect that overtakes the request would leave the phones waiting in a room nobody hosts.
      socket.timeout(2_000).emit('host:close', {}, () => finish());
    },
    end: () => page.confirmEnd(() => actions.close()),
  };

  function finish(message?: string) {
    clearInterval(tick);
    document.documentElement.removeAttribute('data-game-on');
    localStorage.removeItem(STORE);
    socket.disconnect();
    page.done(message);
  }

  // Every (re)connection: open the room the first time, take it back after a reload or a dropped connection.
  socket.on('connect', () => {
    page.status('');
    if (!game) {
      if (!options) return finish();
      socket.emit('host:open', {}, (reply: Reply<{ pin: string; hostToken: string; join: string }>) => {
        if (!reply.ok) return finish(reply.message);
        update(newGame(reply.pin, reply.hostToken, reply.join, options));
      });
      return;
    }
    socket.emit('host:resume', { pin: game.pin, hostToken: game.hostToken }, (reply: Reply<{ players: Seat[] }>) => {
      if (!reply.ok) return finish(`The room ${game?.pin} is gone: ${reply.message}`);
      let back = game!;
      for (const s of back.seats) if (!reply.players.some((p) => p.id === s.id)) back = seat(back, { ...s, connected: false });
      for (const p of reply.players) back = seat(back, p);
      update(back, true);
    });
  });
  // Answers given while the host is away are not lost: on its return it sends every phone its screen again, and a
  // phone still holding an answer for that question sends it again.
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') page.status('Connection to the game server lost. Reconnecting…');
  });
  socket.on('connect_error', () => {
    if (!game) finish('Live games need the site’s own server, and it did not answer. Run it with npm start.');
  });
  socket.on('room:seat', (arriving) => {
    if (!game) return;
    update(seat(game, arriving));
    if (arriving.connected) show(arriving.id, screenFor(game, arriving.id));
  });
  socket.on('room:answer', ({ from, round, answer }) => {
    if (!game || !answerSchema.safeParse(answer).success) return;
    const received = receive(game, from, round, answer, Date.now());
    if (received === game) return;
    game = received;
    show(from, screenFor(game, from));
    update(everyoneAnswered(game) ? settle(game) : game);
  });
  socket.on('live:error', (error) => page.announce(error.message));

  if (game) draw(true);
}
