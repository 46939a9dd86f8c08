// A player's phone: join with the PIN and a nickname, then show whatever screen the host sends (waiting, get
// ready, the answer controls of the solo quiz, answer in, a full-screen result, final rank), with the nickname and
// score in a strip at the bottom. The seat's token stays in localStorage, so a reload, a locked phone or a dropped
// network brings the player back to the same seat with the same score. Silent unless the player turns sound on.
import * as z from 'zod/mini';
import { h } from '../../quiz/dom.ts';
import { ordinal, plural } from '../../quiz/labels.ts';
import { chime } from '../../quiz/sound.ts';
import type { Answer } from '../../quiz/types.ts';
import type { controlsFor as ControlsForFn } from './controls.ts';
import { LIVE_SEAT_STORE } from '../keys.ts';
import { PIN, SEAT_GONE, type Screen } from '../protocol.ts';
import { LiveSession } from '../session.ts';

type ControlsFor = typeof ControlsForFn;
let controls: Promise<typeof import('./controls.ts')> | undefined;
/** The answer controls' code, fetched once. */
const controlsModule = () => (controls ??= import('./controls.ts'));

/** How long a phone waits for its host to give a restarted server the room back. */
const SERVER_RESTART_GRACE_MS = 30_000;

const storedSeatSchema = z.object({ pin: z.string().check(z.regex(PIN)), token: z.string(), nickname: z.string() });
type StoredSeat = z.infer<typeof storedSeatSchema>;

/** The seat this phone holds, if storage has a readable one (a private window or corrupted data: none). */
function storedSeat(): StoredSeat | null {
  try {
    const parsed = storedSeatSchema.safeParse(JSON.parse(localStorage.getItem(LIVE_SEAT_STORE) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The phone's sound: off unless this player turned it on. */
const PHONE_SOUND_STORE = 'dbweek-live-phone-sound';
function soundOn(): boolean {
  try {
    return localStorage.getItem(PHONE_SOUND_STORE) === 'on';
  } catch {
    return false;
  }
}

function keepSeat(seat: StoredSeat | null) {
  try {
    if (seat) localStorage.setItem(LIVE_SEAT_STORE, JSON.stringify(seat));
    else localStorage.removeItem(LIVE_SEAT_STORE);
  } catch {
    // Storage refused (private mode, quota): the game goes on; only a reload would lose the seat.
  }
}

export function play(root: HTMLElement) {
  const form = root.querySelector<HTMLFormElement>('[data-join]')!;
  const pinField = root.querySelector<HTMLInputElement>('[data-testid="play-pin"]')!;
  const nicknameField = root.querySelector<HTMLInputElement>('[data-testid="play-nickname"]')!;
  const error = root.querySelector<HTMLElement>('[data-testid="play-error"]')!;
  const stage = root.querySelector<HTMLElement>('[data-play-stage]')!;
  const status = root.querySelector<HTMLElement>('[data-play-status]')!;
  const announcer = root.querySelector<HTMLElement>('[data-announcer]')!;
  const strip = root.querySelector<HTMLElement>('[data-play-strip]')!;
  const stripName = strip.querySelector<HTMLElement>('[data-strip-name]')!;
  const stripScore = strip.querySelector<HTMLElement>('[data-strip-score]')!;
  const soundButton = strip.querySelector<HTMLButtonElement>('[data-testid="play-sound"]')!;
  let sound = soundOn();
  const showSound = () => {
    soundButton.setAttribute('aria-pressed', String(sound));
    soundButton.textContent = sound ? 'Sound on' : 'Sound off';
  };
  showSound();
  soundButton.addEventListener('click', () => {
    sound = !sound;
    try {
      localStorage.setItem(PHONE_SOUND_STORE, sound ? 'on' : 'off');
    } catch {
      // Not remembered; this page still knows.
    }
    showSound();
  });
  /** The score as the last result said it, for the strip. */
  let score = 0;
  const session = new LiveSession({ base: import.meta.env.BASE_URL });
  let seat = storedSeat();
  let keyHandler: ((event: KeyboardEvent) => void) | null = null;
  /**
   * The answer given to the open question, kept until the host's screen for that round says it arrived ("answer
   * in", or the result). The server acknowledges a relay, not a delivery: a host that drops off for a moment
   * misses it, then sends the question again on its return, and the phone answers again by itself.
   */
  let given: { round: number; answer: Answer } | null = null;
  /** Counts screens drawn, so that a question whose controls arrive late is not drawn over a newer screen. */
  let renders = 0;
  /** The question on screen, so that the same question sent again does not wipe what the player is choosing. */
  let onScreen: number | null = null;
  /** Whether this connection has its seat back (or has just taken one). */
  let resumed = false;

  function sendGiven() {
    // Offline, the answer waits until the seat is taken back: sent before that, the server would not know whose it is.
    if (!given || !session.connected || !resumed) return;
    void session.request('player:answer', given).then((reply) => {
      // A timeout is not final: the host sends the question again when it has not heard the answer.
      if (!reply.ok && reply.error !== 'timeout') error.textContent = reply.message;
    });
  }

  const fromLink = new URLSearchParams(location.search).get('pin');
  if (fromLink && PIN.test(fromLink)) pinField.value = fromLink;

  const announce = (message: string) => (announcer.textContent = message);

  function showForm(message = '') {
    document.documentElement.removeAttribute('data-game-on');
    form.hidden = false;
    stage.hidden = true;
    strip.hidden = true;
    stage.replaceChildren();
    error.textContent = message;
    if (message) (PIN.test(pinField.value) ? nicknameField : pinField).focus();
  }

  function leave(message: string) {
    keepSeat(null);
    seat = null;
    showForm(message);
  }

  function draw(panel: HTMLElement) {
    if (keyHandler) document.removeEventListener('keydown', keyHandler);
    keyHandler = null;
    form.hidden = true;
    stage.hidden = false;
    strip.hidden = !seat;
    stripName.textContent = seat?.nickname ?? '';
    stripScore.textContent = plural(score, 'point');
    stage.replaceChildren(panel);
    const first = panel.querySelector<HTMLElement>('[data-autofocus]') ?? panel.querySelector<HTMLElement>('h2');
    first?.focus();
  }

  function show(screen: Screen) {
    if (screen.type === 'question') {
      if (given?.round === screen.round) return sendGiven();
      if (onScreen === screen.round) return;
    } else if (screen.type === 'final' || (given && 'round' in screen && screen.round >= given.round)) given = null;
    onScreen = screen.type === 'question' ? screen.round : null;
    // While a question is in play the phone is a game pad, as Kahoot's is: the site's header and footer fold away.
    document.documentElement.toggleAttribute('data-game-on', screen.type !== 'waiting' && screen.type !== 'final');
    if (screen.type === 'result' || screen.type === 'final') score = screen.score;
    render(screen);
  }

  /** A question's screen, once the controls' code is here. */
  function question(screen: Extract<Screen, { type: 'question' }>, controlsFor: ControlsFor) {
    const submit = (answer: Answer) => {
      given = { round: screen.round, answer };
      onScreen = null;
      sendGiven();
      draw(h('section', {}, h('h2', { tabindex: -1 }, 'Sending your answer…')));
    };
    // The controls' key handler goes on the document only once they are on screen, and off again with them.
    let handler: ((event: KeyboardEvent) => void) | null = null;
    const controls = controlsFor(screen.ask, submit, {
      keys: (keys) => {
        handler = (event) => {
          if (!(event.target instanceof HTMLInputElement)) keys(event);
        };
      },
      announce,
    });
    if (!screen.texts) controls.classList.add('tiles--shapes-only');
    if (!screen.texts) for (const text of controls.querySelectorAll('.tile__text')) text.classList.add('visually-hidden');
    const panel = h(
      'section',
      { 'aria-labelledby': 'play-title', class: 'play-question' },
      h('p', { class: 'stage__count' }, `Question ${screen.round + 1} of ${screen.total}`),
      h('h2', { id: 'play-title', class: 'prompt', tabindex: -1 }, screen.prompt ?? 'Answer on the big screen’s question'),
      controls,
    );
    draw(panel);
    if (handler) document.addEventListener('keydown', (keyHandler = handler));
    announce(`Question ${screen.round + 1}`);
  }

  function render(screen: Screen) {
    const drawing = ++renders;
    switch (screen.type) {
      case 'waiting':
        announce('You are in. Waiting for the host to start.');
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title' },
            h('h2', { id: 'play-title', tabindex: -1 }, `You are in, ${screen.nickname}!`),
            h('p', {}, 'See your nickname on the big screen? You play from the next question the host starts.'),
          ),
        );
      case 'get-ready':
        announce(`Get ready: question ${screen.round + 1}`);
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title', class: 'play-ready', 'data-testid': 'get-ready' },
            h('h2', { id: 'play-title', class: 'play-big', tabindex: -1 }, 'Get ready'),
            h('p', { class: 'play-ready__count' }, `Question ${screen.round + 1} of ${screen.total}`),
            h('p', {}, 'Read the question on the big screen: the answers open in a moment.'),
          ),
        );
      case 'question': {
        // The controls' code arrives with the first question (fetched as soon as a seat is held); a screen that
        // replaced this one meanwhile wins.
        void controlsModule().then(({ controlsFor }) => drawing === renders && question(screen, controlsFor));
        return;
      }
      case 'answered':
        announce('Answer in.');
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title' },
            h('h2', { id: 'play-title', tabindex: -1 }, 'Answer in!'),
            h('p', {}, 'Waiting for the others and the reveal.'),
          ),
        );
      case 'result': {
        const verdict = !screen.answered ? 'Time is up' : screen.correct ? 'Correct!' : 'Not quite';
        const kind = !screen.answered ? 'late' : screen.correct ? 'right' : 'wrong';
        if (sound && screen.answered) chime(screen.correct);
        // A short buzz where the phone can: one for right, two for wrong or too late.
        navigator.vibrate?.(screen.correct ? 120 : [80, 60, 80]);
        const gap = screen.above
          ? `${plural(screen.above.gap, 'point')} behind ${screen.above.nickname}`
          : screen.rank === 1
            ? 'You are in the lead'
            : '';
        announce(`${verdict} ${screen.points} points. You are ${ordinal(screen.rank)}.`);
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title', class: 'play-outcome', 'data-verdict': kind },
            h(
              'h2',
              {
                id: 'play-title',
                class: 'play-result',
                tabindex: -1,
                'data-testid': 'play-result',
                'data-verdict': kind,
              },
              verdict,
            ),
            h('p', { class: 'play-outcome__points' }, `+${plural(screen.points, 'point')}`),
            h('p', {}, screen.streak > 1 ? `Answer streak ${screen.streak}!` : `Answer streak ${screen.streak}`),
            h('p', { class: 'play-big', 'data-testid': 'play-rank' }, `${ordinal(screen.rank)} of ${screen.players}`),
            gap ? h('p', {}, gap) : null,
          ),
        );
      }
      case 'final':
        announce(`The game is over. You finished ${ordinal(screen.rank)} of ${screen.players}.`);
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title' },
            h('h2', { id: 'play-title', tabindex: -1 }, 'The game is over'),
            h(
              'p',
              { class: 'play-big', 'data-testid': 'play-rank' },
              `You finished ${ordinal(screen.rank)} of ${screen.players}`,
            ),
            h('p', {}, `with ${plural(screen.score, 'point')}.`),
          ),
        );
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pin = pinField.value.replace(/\s/g, '');
    const nickname = nicknameField.value.trim();
    if (!PIN.test(pin)) return showForm('The game PIN is the six digits on the host’s screen.');
    if (!nickname) return showForm('Pick a nickname.');
    error.textContent = '';
    void session.request('player:join', { pin, nickname }).then((reply) => {
      if (!reply.ok) return showForm(reply.message);
      seat = { pin, token: reply.token, nickname: reply.nickname };
      resumed = true;
      keepSeat(seat);
      void controlsModule();
    });
  });

  session.onConnect(() => {
    status.textContent = '';
    if (!seat) return;
    void takeSeatBack(seat);
  });
  /**
   * Resume the seat. A server that restarted without Redis has no room until the host gives it back (a few seconds):
   * 'no-room' is waited out for a while before the phone says the game has ended.
   */
  async function takeSeatBack(held: StoredSeat) {
    const until = Date.now() + SERVER_RESTART_GRACE_MS;
    for (;;) {
      const reply = await session.persist('player:resume', { pin: held.pin, token: held.token });
      resumed = reply.ok;
      if (reply.ok) {
        status.textContent = '';
        void controlsModule();
        return sendGiven();
      }
      // The connection went before an answer about the seat: keep it; the next connection asks again.
      if (reply.error === 'timeout' || reply.error === 'unavailable') return;
      if (reply.error === 'no-room' && Date.now() < until && session.connected) {
        status.textContent = 'Looking for your game (if the server restarted, the host brings it back)…';
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      if (reply.error === 'too-many') return leave(reply.message);
      // The room is there but the seat is not: the host removed it (perhaps while this phone was away).
      if (reply.error === 'bad-token' || reply.error === 'no-player') return leave(SEAT_GONE);
      return leave('That game has ended. Join another with its PIN.');
    }
  }
  session.onDisconnect(() => {
    resumed = false;
    status.textContent = seat ? 'Connection lost. Reconnecting…' : '';
  });
  session.onConnectError(() => (status.textContent = 'Cannot reach the game server. Retrying…'));
  // The protocol's schema has checked the screen before it gets here.
  session.on('room:show', ({ screen }) => seat && show(screen));
  session.on('room:kicked', () => leave('The host removed you from the game.'));
  session.on('room:closed', () => leave('The host closed the game.'));
  session.on('live:error', (refusal) => (error.textContent = refusal.message));
}
