// A player's challenge on the solo quiz's stage: join with a nickname, then draw whatever screen the server
// sends (the question with its countdown and the quiz's answer controls, the verdict with its lesson, the end with
// the challenge's standings). The server deals, times and scores; this page only asks and draws. Every request
// is safe to repeat (the deal id makes an answer count once), so a dropped network is waited out and retried.
import { h } from '../quiz/dom.ts';
import { ordinal, plural } from '../quiz/labels.ts';
import { answerInput } from '../quiz/phases/inputs.ts';
import { lesson, nextButton } from '../quiz/phases/parts.ts';
import type { Answer } from '../quiz/types.ts';
import { API, GRACE_MS, PIN, type ChallengeInfo, type Joined, type Refusal, type Screen, type Standing } from './contract.ts';
import { dropSeat, keepSeat, seatFor } from './seats.ts';

/** A refusal from the server (as opposed to no answer at all). */
class Refused extends Error {
  readonly status: number;
  readonly refusal: Refusal;
  constructor(status: number, refusal: Refusal) {
    super(refusal.message);
    this.status = status;
    this.refusal = refusal;
  }
}

const RETRY_MS = 2000;
const WARN_AT_MS = 5000;

export function play(root: HTMLElement) {
  const form = root.querySelector<HTMLFormElement>('[data-join]')!;
  const pinField = form.querySelector<HTMLInputElement>('[name="pin"]')!;
  const nicknameField = form.querySelector<HTMLInputElement>('[name="nickname"]')!;
  const error = root.querySelector<HTMLElement>('[data-join-error]')!;
  const intro = root.querySelector<HTMLElement>('[data-intro]')!;
  const stage = root.querySelector<HTMLElement>('[data-stage]')!;
  const offline = root.querySelector<HTMLElement>('[data-offline]')!;
  const announcer = root.querySelector<HTMLElement>('[data-announcer]')!;
  let pin = new URLSearchParams(location.search).get('pin') ?? '';
  let timers: number[] = [];
  let keyHandler: ((event: KeyboardEvent) => void) | null = null;
  /** Bumped on every screen drawn: a timer or a reply of an older screen does nothing. */
  let screenId = 0;

  const announce = (message: string) => {
    announcer.textContent = '';
    requestAnimationFrame(() => (announcer.textContent = message));
  };
  const later = (ms: number, run: () => void) => void timers.push(window.setTimeout(run, ms));

  function showOffline(on: boolean) {
    offline.hidden = !on;
  }
  window.addEventListener('offline', () => showOffline(true));
  window.addEventListener('online', () => showOffline(false));

  /** One API call; a network failure is retried until it goes through (each call is safe to repeat). */
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${API}/${pin}${path}`, {
          method,
          ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
      } catch {
        showOffline(true);
        await new Promise<void>((resolve) => {
          const again = () => {
            window.removeEventListener('online', again);
            resolve();
          };
          window.addEventListener('online', again);
          window.setTimeout(again, RETRY_MS);
        });
        continue;
      }
      showOffline(false);
      const reply = (await response.json().catch(() => null)) as (T & Partial<Refusal>) | null;
      if (!response.ok || reply === null) {
        // No refusal of this API (a static host's 404 or 405): the site is served without its server.
        throw new Refused(
          response.status,
          reply?.error && reply.message
            ? { error: reply.error, message: reply.message }
            : {
                error: 'no-server',
                message: 'This copy of the site has no challenge server: challenges need the site’s own server (npm start).',
              },
        );
      }
      return reply;
    }
  }

  function showForm(message = '') {
    document.documentElement.removeAttribute('data-game-on');
    clear();
    stage.hidden = true;
    form.hidden = false;
    error.textContent = message;
    if (PIN.test(pin)) pinField.value = pin;
    if (message) (PIN.test(pinField.value) ? nicknameField : pinField).focus();
  }

  async function showInfo(): Promise<ChallengeInfo | null> {
    try {
      const info = await call<ChallengeInfo>('GET', '');
      const when = new Date(info.deadline).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      const state =
        info.state === 'open'
          ? `Open until ${when}.`
          : info.state === 'closed'
            ? 'The lead has closed this challenge.'
            : `The deadline (${when}) has passed.`;
      intro.replaceChildren(
        h('h2', { id: 'challenge-title' }, info.packLabel),
        h(
          'p',
          {},
          `${plural(info.questions, 'question')}, ${info.timer} seconds each (a question may have its own timer). ${state}`,
        ),
      );
      intro.hidden = false;
      return info;
    } catch (problem) {
      intro.hidden = true;
      showForm(problem instanceof Refused ? problem.message : 'The challenge cannot be loaded.');
      return null;
    }
  }

  function clear() {
    for (const t of timers) clearTimeout(t);
    timers = [];
    if (keyHandler) document.removeEventListener('keydown', keyHandler);
    keyHandler = null;
    screenId++;
  }

  function draw(...panels: HTMLElement[]) {
    clear();
    form.hidden = true;
    stage.hidden = false;
    stage.replaceChildren(...panels);
    window.scrollTo(0, 0);
    (stage.querySelector<HTMLElement>('[data-autofocus]') ?? stage.querySelector<HTMLElement>('h2'))?.focus({
      preventScroll: true,
    });
  }

  const bar = (text: string) => h('div', { class: 'stage__bar' }, h('span', { class: 'stage__count' }, text));

  /** A refusal mid-game: the seat is gone (deleted challenge) or the challenge ended; anything else is said on the stage. */
  async function refused(problem: unknown) {
    if (!(problem instanceof Refused)) throw problem;
    const { error: code, message } = problem.refusal;
    if (code === 'bad-token' || code === 'no-challenge') {
      dropSeat(pin);
      return showForm(code === 'no-challenge' ? message : 'This browser’s place in the challenge was not found. Join again.');
    }
    if (code === 'closed' || code === 'expired') {
      announce(message);
      return render(await call<Screen>('POST', '/play', { token: seatFor(pin)!.token }));
    }
    draw(
      h(
        'section',
        { class: 'stage__panel' },
        h('h2', { tabindex: -1 }, 'Something went wrong'),
        h('p', { role: 'alert' }, message),
      ),
    );
  }

  async function step(path: '/play' | '/next', extra: object = {}) {
    const seat = seatFor(pin);
    if (!seat) return showForm();
    try {
      render(await call<Screen>('POST', path, { token: seat.token, ...extra }));
    } catch (problem) {
      await refused(problem);
    }
  }

  function render(screen: Screen) {
    document.documentElement.toggleAttribute('data-game-on', screen.type === 'question' || screen.type === 'result');
    switch (screen.type) {
      case 'ready':
        return draw(
          h(
            'section',
            { class: 'stage__panel', 'aria-labelledby': 'ready-title' },
            h('h2', { id: 'ready-title', tabindex: -1 }, screen.round === 0 ? 'Ready?' : `Question ${screen.round + 1} is next`),
            h(
              'p',
              {},
              screen.round === 0
                ? `${plural(screen.total, 'question')}. Each is shown alone for a moment, then its answers open and the timer runs. The faster a right answer, the more points.`
                : `Your score so far: ${plural(screen.score, 'point')}. Take a break if you like: the next question is dealt when you ask for it.`,
            ),
            nextButton(screen.round === 0 ? 'Start the challenge' : 'Next question', () => void step('/next')),
          ),
        );
      case 'question':
        return question(screen);
      case 'result':
        return result(screen);
      case 'finished':
      case 'over':
        return end(screen);
    }
  }

  function question(screen: Extract<Screen, { type: 'question' }>) {
    const received = Date.now();
    const endsAt = received + screen.endsInMs;
    const count = `Question ${screen.round + 1} of ${screen.total}`;
    const points = screen.points === 'double' ? ' · Double points' : screen.points === 'none' ? ' · No points' : '';
    if (screen.opensInMs > 0) {
      draw(
        bar(count),
        h(
          'section',
          { class: 'stage__panel preview', 'aria-labelledby': 'quiz-prompt' },
          h('p', { class: 'preview__kind' }, screen.kind, points),
          h('h2', { id: 'quiz-prompt', 'data-testid': 'question', class: 'prompt', tabindex: -1 }, screen.prompt),
          h('div', { class: 'preview__bar', 'aria-hidden': 'true' }),
          h('p', { class: 'muted' }, 'The answers open in a moment.'),
        ),
      );
      announce(`Question ${screen.round + 1}: ${screen.prompt}`);
      later(screen.opensInMs, () => question({ ...screen, opensInMs: 0, endsInMs: endsAt - Date.now() }));
      return;
    }
    const id = screenId + 1;
    let sent = false;
    const submit = (answer: Answer) => {
      if (sent) return;
      sent = true;
      const seat = seatFor(pin);
      if (!seat) return showForm();
      draw(
        bar(count),
        h(
          'section',
          { class: 'stage__panel', 'aria-labelledby': 'sending-title' },
          h('h2', { id: 'sending-title', tabindex: -1 }, 'Sending your answer…'),
          h('p', { class: 'muted' }, 'It is kept here until the server has it.'),
        ),
      );
      call<Screen>('POST', '/answers', { token: seat.token, deal: screen.deal, answer }).then(render, refused);
    };
    const panel = h('section', { class: 'stage__panel', 'aria-labelledby': 'quiz-prompt' });
    panel.append(h('h2', { id: 'quiz-prompt', 'data-testid': 'question', class: 'prompt' }, screen.prompt));
    const timer = countdown(screen.limitMs, endsAt, () => id === screenId && !sent);
    panel.append(h('div', { class: 'status' }, timer.element));
    panel.append(
      answerInput(screen.ask, submit, {
        keys: (handler) => {
          keyHandler = (event) => {
            if (!['INPUT', 'TEXTAREA', 'SELECT'].includes((event.target as HTMLElement).tagName)) handler(event);
          };
        },
        announce,
      }),
    );
    draw(bar(count), panel);
    // Started once on screen: drawing clears the timers of the screen before.
    timer.start();
    if (keyHandler) document.addEventListener('keydown', keyHandler);
    // Past the time and its grace the server counts a time-up; ask it then (it is the judge, not this clock).
    later(Math.max(0, endsAt - Date.now()) + GRACE_MS + 250, () => {
      if (!sent) void step('/play');
    });
  }

  /** The solo quiz's countdown (a number and a bar that empties), on the server's end time. */
  function countdown(limit: number, end: number, live: () => boolean) {
    const fill = h('div', { class: 'timer__bar' });
    const number = h('span', { class: 'timer__number' });
    const timer = h(
      'div',
      { class: 'timer', 'data-testid': 'timer', role: 'timer', 'aria-label': 'Time left' },
      number,
      h('div', { class: 'timer__track', 'aria-hidden': 'true' }, fill),
    );
    let warned = false;
    const update = () => {
      if (!live()) return;
      const left = Math.max(0, end - Date.now());
      const seconds = Math.ceil(left / 1000);
      fill.style.transform = `scaleX(${left / limit})`;
      if (number.textContent !== String(seconds)) {
        number.textContent = String(seconds);
        number.setAttribute('aria-label', `${seconds} seconds left`);
      }
      if (!warned && left <= WARN_AT_MS && limit > WARN_AT_MS) {
        warned = true;
        timer.dataset['warning'] = '';
        announce('5 seconds left');
      }
      if (left > 0) later(200, update);
      else announce('Time is up. Checking with the server…');
    };
    return { element: timer, start: update };
  }

  function result(screen: Extract<Screen, { type: 'result' }>) {
    const verdict = screen.answer === null ? 'Time is up' : screen.correct ? 'Correct' : 'Not quite';
    const gained = screen.points + screen.bonus;
    const last = screen.round + 1 >= screen.total;
    draw(
      bar(`Question ${screen.round + 1} of ${screen.total}`),
      h(
        'section',
        { class: 'stage__panel reveal', 'aria-labelledby': 'reveal-title' },
        h('h2', { id: 'reveal-title', class: 'reveal__verdict', 'data-outcome': screen.correct ? 'right' : 'wrong' }, verdict),
        screen.late ? h('p', { class: 'notice', role: 'note' }, 'Your answer reached the server after the time ran out.') : null,
        h(
          'div',
          { class: 'score-line' },
          h('p', { class: 'score-line__gain', 'data-testid': 'points' }, `+${gained} points`),
          screen.bonus ? h('p', { class: 'score-line__bonus' }, `including a streak bonus of ${screen.bonus}`) : null,
          h(
            'p',
            { class: 'score-line__totals' },
            h('span', {}, 'Streak ', h('strong', { 'data-testid': 'streak' }, String(screen.streak))),
            h('span', {}, 'Score ', h('strong', { 'data-testid': 'score' }, String(screen.score))),
          ),
        ),
        lesson(screen.question),
        nextButton(last ? 'See the results' : 'Next question', () => void step(last ? '/play' : '/next')),
      ),
    );
    announce(`${verdict}. ${gained} points. Score ${screen.score}. ${screen.question.explanation}`);
  }

  function end(screen: Extract<Screen, { type: 'finished' | 'over' }>) {
    const title =
      screen.type === 'finished'
        ? 'You finished the challenge'
        : screen.reason === 'closed'
          ? 'The lead has closed this challenge'
          : 'The deadline has passed';
    const me = screen.standings.find((s) => s.you);
    draw(
      h(
        'section',
        { class: 'stage__panel', 'aria-labelledby': 'end-title' },
        h('h2', { id: 'end-title', tabindex: -1, 'data-testid': 'challenge-end' }, title),
        screen.type === 'over' ? h('p', { role: 'status' }, 'It takes no more answers.') : null,
        h(
          'p',
          { class: 'play-big' },
          `${plural(screen.score, 'point')} · ${screen.correct} of ${screen.total} right`,
          me ? ` · ${ordinal(me.rank)} so far` : '',
        ),
        standings(screen.standings),
        h('p', {}, h('a', { href: new URL('../', location.href).pathname }, 'Back to the quiz')),
      ),
    );
    announce(`${title}. ${screen.score} points, ${screen.correct} of ${screen.total} right.`);
  }

  function standings(rows: Standing[]) {
    return h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Leaderboard so far' },
      h(
        'table',
        { class: 'players-table', 'data-testid': 'challenge-standings' },
        h('caption', {}, 'Leaderboard so far'),
        h('thead', {}, h('tr', {}, ...['Rank', 'Player', 'Score', 'Right'].map((label) => h('th', { scope: 'col' }, label)))),
        h(
          'tbody',
          {},
          ...rows.map((s) =>
            h(
              'tr',
              { 'data-you': s.you || undefined },
              h('td', {}, ordinal(s.rank)),
              h('th', { scope: 'row' }, s.nickname, s.you ? ' (you)' : ''),
              h('td', {}, String(s.score)),
              h('td', {}, `${s.correct} of ${s.answered}`),
            ),
          ),
        ),
      ),
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = pinField.value.replace(/\s/g, '');
    if (!PIN.test(typed)) return showForm('The challenge PIN is the six digits in the link you were sent.');
    if (!nicknameField.value.trim()) return showForm('Pick a nickname.');
    pin = typed;
    history.replaceState(null, '', `?pin=${pin}`);
    error.textContent = '';
    if (!(await showInfo())) return;
    try {
      const joined = await call<Joined>('POST', '/players', { nickname: nicknameField.value });
      keepSeat(pin, joined);
      await step('/play');
    } catch (problem) {
      showForm(problem instanceof Refused ? problem.message : 'Joining failed.');
    }
  });

  // A return (a reload, the link opened again): straight back to where the server has this player.
  if (PIN.test(pin)) {
    pinField.value = pin;
    void showInfo().then((info) => {
      if (info && seatFor(pin)) void step('/play');
      else if (info) nicknameField.focus();
    });
  }
  showOffline(!navigator.onLine);
}
