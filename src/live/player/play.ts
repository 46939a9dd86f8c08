// A player's phone: join with the PIN and a nickname, then show whatever screen the host sends (waiting, the
// answer controls of the solo quiz, answer in, result, final rank). The seat's token stays in localStorage, so
// a reload, a locked phone or a dropped network brings the player back to the same seat with the same score.
import { io, type Socket } from 'socket.io-client';
import { h } from '../../quiz/dom.ts';
import { ordinal, plural } from '../../quiz/labels.ts';
import { answerInput, type AskedQuestion } from '../../quiz/phases/inputs.ts';
import type { Answer } from '../../quiz/types.ts';
import {
  LIVE_PATH,
  PIN,
  screen as screenSchema,
  type Ask,
  type ClientEmits,
  type Reply,
  type Screen,
  type ServerEvents,
} from '../protocol.ts';

const SEAT = 'dbweek-live-seat';

interface StoredSeat {
  pin: string;
  token: string;
  nickname: string;
}

function storedSeat(): StoredSeat | null {
  try {
    return JSON.parse(localStorage.getItem(SEAT) ?? 'null') as StoredSeat | null;
  } catch {
    return null;
  }
}

/** The solo quiz's controls need a starting point for a slider; a phone starts at the middle, which says nothing. */
function controlsOf(ask: Ask): AskedQuestion {
  switch (ask.type) {
    case 'puzzle':
      return { type: 'puzzle', items: ask.items, start: ask.items.map((_, i) => i) };
    case 'slider': {
      const middle = ask.min + Math.round((ask.max - ask.min) / 2 / ask.step) * ask.step;
      return { ...ask, start: middle };
    }
    default:
      return ask;
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
  const socket: Socket<ServerEvents, ClientEmits> = io({ path: LIVE_PATH, transports: ['websocket'] });
  let seat = storedSeat();
  let keyHandler: ((event: KeyboardEvent) => void) | null = null;
  /**
   * The answer given to the open question, kept until the host's screen for that round says it arrived ("answer
   * in", or the result). The server acknowledges a relay, not a delivery: a host that drops off for a moment
   * misses it, then sends the question again on its return, and the phone answers again by itself.
   */
  let given: { round: number; answer: Answer } | null = null;
  /** The question on screen, so that the same question sent again does not wipe what the player is choosing. */
  let onScreen: number | null = null;
  /** Whether this connection has its seat back (or has just taken one). */
  let resumed = false;

  function sendGiven() {
    // Offline, the answer waits until the seat is taken back: sent before that, the server would not know whose it is.
    if (!given || !socket.connected || !resumed) return;
    socket.emit('player:answer', given, (reply: Reply<object>) => {
      if (!reply.ok) error.textContent = reply.message;
    });
  }

  const fromLink = new URLSearchParams(location.search).get('pin');
  if (fromLink && PIN.test(fromLink)) pinField.value = fromLink;

  const announce = (message: string) => (announcer.textContent = message);

  function showForm(message = '') {
    document.documentElement.removeAttribute('data-game-on');
    form.hidden = false;
    stage.hidden = true;
    stage.replaceChildren();
    error.textContent = message;
    if (message) (PIN.test(pinField.value) ? nicknameField : pinField).focus();
  }

  function leave(message: string) {
    localStorage.removeItem(SEAT);
    seat = null;
    showForm(message);
  }

  function draw(panel: HTMLElement) {
    if (keyHandler) document.removeEventListener('keydown', keyHandler);
    keyHandler = null;
    form.hidden = true;
    stage.hidden = false;
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
    render(screen);
  }

  function render(screen: Screen) {
    switch (screen.type) {
      case 'waiting':
        announce('You are in. Waiting for the host to start.');
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title' },
            h('h2', { id: 'play-title', tabindex: -1 }, `You are in, ${screen.nickname}!`),
            h('p', {}, 'See your nickname on the big screen? The game starts when the host starts it.'),
          ),
        );
      case 'question': {
        const submit = (answer: Answer) => {
          given = { round: screen.round, answer };
          onScreen = null;
          sendGiven();
          draw(h('section', {}, h('h2', { tabindex: -1 }, 'Sending your answer…')));
        };
        // The controls' key handler goes on the document only once they are on screen, and off again with them.
        let handler: ((event: KeyboardEvent) => void) | null = null;
        const controls = answerInput(controlsOf(screen.ask), submit, {
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
        const gap = screen.above
          ? `${plural(screen.above.gap, 'point')} behind ${screen.above.nickname}`
          : screen.rank === 1
            ? 'You are in the lead'
            : '';
        announce(`${verdict} ${screen.points} points. You are ${ordinal(screen.rank)}.`);
        return draw(
          h(
            'section',
            { 'aria-labelledby': 'play-title' },
            h(
              'h2',
              {
                id: 'play-title',
                class: 'play-big play-result',
                tabindex: -1,
                'data-testid': 'play-result',
                'data-correct': screen.correct,
              },
              verdict,
            ),
            h('p', {}, `+${plural(screen.points, 'point')} · streak ${screen.streak} · score ${screen.score}`),
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
    socket.emit('player:join', { pin, nickname }, (reply: Reply<{ token: string; nickname: string }>) => {
      if (!reply.ok) return showForm(reply.message);
      seat = { pin, token: reply.token, nickname: reply.nickname };
      resumed = true;
      localStorage.setItem(SEAT, JSON.stringify(seat));
    });
  });

  socket.on('connect', () => {
    status.textContent = '';
    if (!seat) return;
    socket.emit('player:resume', { pin: seat.pin, token: seat.token }, (reply: Reply<object>) => {
      resumed = reply.ok;
      if (reply.ok) sendGiven();
      else leave(reply.error === 'too-many' ? reply.message : 'That game has ended. Join another with its PIN.');
    });
  });
  socket.on('disconnect', () => {
    resumed = false;
    status.textContent = seat ? 'Connection lost. Reconnecting…' : '';
  });
  socket.on('connect_error', () => (status.textContent = 'Cannot reach the game server. Retrying…'));
  socket.on('room:show', ({ screen }) => {
    const parsed = screenSchema.safeParse(screen);
    if (parsed.success && seat) show(parsed.data);
  });
  socket.on('room:kicked', () => leave('The host removed you from the game.'));
  socket.on('room:closed', () => leave('The host closed the game.'));
  socket.on('live:error', (refusal) => (error.textContent = refusal.message));
}
