// The quiz view: renders the game store into the page and turns clicks and keys into actions.
// It holds no game rules: those are in engine.ts and scoring.ts.
import { $best, $game, $ghost, $sound, dispatch, resumeGame } from './store.ts';
import {
  answeredCount,
  currentLimit,
  currentPlayer,
  currentRound,
  deadline,
  leaderboard,
  optionCounts,
  podium,
  roundResults,
} from './engine.ts';
import { RESUME_RULE, UNTIMED_RULE } from './scoring.ts';
import { withBase } from '../lib/paths.ts';
import { shareQuery } from './share.ts';
import { chime } from './sound.ts';
import { h, shape, TILES } from './dom.ts';
import type { Answer, GameState, Ghost, Question, Round } from './types.ts';
import type { Bank } from './bank.ts';
import { lobbyExtras } from './lobby-extras.ts';

const PREVIEW_MS = 3000;
const WARN_AT_MS = 5000;

export class QuizView {
  readonly #bank: Bank;
  readonly #stage: HTMLElement;
  readonly #lobby: HTMLFormElement;
  readonly #announcer: HTMLElement;
  readonly #byId: Map<string, Question>;
  #key = '';
  #timers: number[] = [];
  #keys: ((event: KeyboardEvent) => void) | undefined;

  constructor(root: HTMLElement, bank: Bank) {
    this.#bank = bank;
    this.#byId = new Map(bank.questions.map((q) => [q.id, q]));
    this.#stage = root.querySelector<HTMLElement>('[data-stage]')!;
    this.#lobby = root.querySelector<HTMLFormElement>('form[data-lobby]')!;
    this.#announcer = root.querySelector<HTMLElement>('[data-announcer]')!;
    this.#wireLobby();
    lobbyExtras(root, bank, {
      join: () => this.#join(),
      start: (questions, pack, options) => this.startGame(questions, pack, undefined, options.ghost, options.ordered),
      questions: (ids) => this.#questions(ids),
    });
    resumeGame(Date.now());
    $game.subscribe((state) => this.#render(state));
  }

  /** Start a game with these players' names from the lobby, or the previous game's players. */
  startGame(questions: Question[], pack: string, count: number | undefined, ghost?: Ghost, ordered?: boolean): boolean {
    return dispatch({
      type: 'start',
      questions,
      seed: seed(),
      at: Date.now(),
      pack,
      ...(count ? { count } : {}),
      ...(ghost ? { ghost } : {}),
      ...(ordered ? { ordered } : {}),
    });
  }

  announce(message: string) {
    // Clearing first makes a repeated message be read again.
    this.#announcer.textContent = '';
    requestAnimationFrame(() => (this.#announcer.textContent = message));
  }

  #wireLobby() {
    this.#lobby.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.#join()) return;
      const data = new FormData(this.#lobby);
      const pack = this.#bank.packs.find((p) => p.id === data.get('pack')) ?? this.#bank.packs[0]!;
      const count = data.get('count') === 'all' ? undefined : Number(data.get('count'));
      this.startGame(this.#questions(pack.questionIds), pack.id, count);
    });
  }

  /** Seat the lobby's players with its settings; shows why not and returns false when that fails. */
  #join(): boolean {
    const form = this.#lobby;
    const error = form.querySelector<HTMLElement>('[data-error]')!;
    error.textContent = '';
    const data = new FormData(form);
    const names = data
      .getAll('nickname')
      .map(String)
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 0) {
      error.textContent = 'Enter a nickname to play.';
      form.querySelector<HTMLInputElement>('input[name="nickname"]')?.focus();
      return false;
    }
    const settings = {
      timer: Number(data.get('timer')) as GameState['settings']['timer'],
      mode: String(data.get('mode')) as GameState['settings']['mode'],
    };
    if ($game.get().players.length > 0) dispatch({ type: 'quit' });
    for (const name of names) {
      if (!dispatch({ type: 'join', nickname: name, settings })) {
        error.textContent = `“${name}” cannot join: nicknames must differ from each other and be at most 24 characters.`;
        dispatch({ type: 'quit' });
        return false;
      }
    }
    return true;
  }

  #questions(ids: readonly string[]): Question[] {
    return ids.flatMap((id) => this.#byId.get(id) ?? []);
  }

  #clear() {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
    if (this.#keys) document.removeEventListener('keydown', this.#keys);
    this.#keys = undefined;
  }

  #render(state: GameState) {
    const key = `${state.phase}:${state.round}:${state.turn}:${state.openedAt}:${state.players.length}`;
    if (key === this.#key) return;
    this.#key = key;
    this.#clear();
    const inLobby = state.phase === 'lobby';
    this.#lobby.closest<HTMLElement>('[data-setup]')!.hidden = !inLobby;
    this.#stage.hidden = inLobby;
    this.#stage.replaceChildren();
    if (inLobby) return;
    const round = currentRound(state);
    const view =
      state.phase === 'preview' && round
        ? this.#preview(state, round)
        : state.phase === 'answering' && round
          ? this.#answering(state, round)
          : state.phase === 'handover'
            ? this.#handover(state)
            : state.phase === 'reveal' && round
              ? this.#reveal(state, round)
              : state.phase === 'leaderboard'
                ? this.#leaderboard(state)
                : this.#podium(state);
    this.#stage.append(this.#header(state), view);
    const focus = this.#stage.querySelector<HTMLElement>('[data-autofocus]');
    focus?.focus();
  }

  #header(state: GameState) {
    const player = currentPlayer(state);
    const hotSeat = state.players.length > 1;
    const counter = state.phase === 'podium' ? 'Game over' : `Question ${state.round + 1} of ${state.rounds.length}`;
    return h(
      'div',
      { class: 'stage__bar' },
      h('span', {}, counter),
      hotSeat && player && state.phase !== 'podium' && state.phase !== 'leaderboard'
        ? h('span', {}, `Turn: ${player.nickname}`)
        : null,
      h('span', {}, modeLabel(state)),
      h('button', { type: 'button', class: 'link-button', onclick: () => dispatch({ type: 'quit' }) }, 'Leave game'),
    );
  }

  #preview(state: GameState, round: Round) {
    const q = round.question;
    const go = () => dispatch({ type: 'answering-open', at: Date.now() });
    this.#timers.push(window.setTimeout(go, PREVIEW_MS));
    this.announce(`Question ${state.round + 1}: ${q.prompt}`);
    return h(
      'section',
      { class: 'stage__panel preview', 'aria-labelledby': 'quiz-prompt' },
      h(
        'p',
        { class: 'preview__kind' },
        kindLabel(q),
        q.points === 'double' ? ' · Double points' : q.points === 'none' ? ' · No points' : '',
      ),
      h('h2', { id: 'quiz-prompt', 'data-testid': 'question', class: 'prompt' }, q.prompt),
      h('p', { class: 'preview__soon' }, 'The answers appear in a moment.'),
      h('div', { class: 'preview__bar', 'aria-hidden': 'true' }),
      h('button', { type: 'button', class: 'button', 'data-autofocus': true, onclick: go }, 'Show the answers'),
    );
  }

  #answering(state: GameState, round: Round) {
    const q = round.question;
    const limit = currentLimit(state);
    const end = deadline(state);
    const submit = (answer: Answer) => dispatch({ type: 'answer', answer, at: Date.now() });
    const panel = h('section', { class: 'stage__panel', 'aria-labelledby': 'quiz-prompt' });
    panel.append(h('h2', { id: 'quiz-prompt', 'data-testid': 'question', class: 'prompt' }, q.prompt));
    if (state.resumed) panel.append(h('p', { class: 'notice', role: 'note' }, RESUME_RULE));
    if (limit === null) panel.append(h('p', { class: 'hint' }, UNTIMED_RULE));
    const status = h('div', { class: 'status' });
    if (limit !== null && end !== null) status.append(this.#timer(limit, end));
    const total = state.players.length;
    status.append(
      h(
        'p',
        { class: 'answers-count' },
        total > 1 ? `${answeredCount(state)} of ${total} answered` : `${answeredCount(state)} answers`,
      ),
    );
    panel.append(status);
    panel.append(this.#answerInput(q, round, submit));
    return panel;
  }

  #timer(limit: number, end: number) {
    const bar = h('div', { class: 'timer__bar' });
    const text = h('span', { class: 'timer__text' });
    const timer = h(
      'div',
      { class: 'timer', 'data-testid': 'timer' },
      h('div', { class: 'timer__track', 'aria-hidden': 'true' }, bar),
      text,
    );
    let warned = false;
    const tick = () => {
      const left = Math.max(0, end - Date.now());
      bar.style.transform = `scaleX(${left / limit})`;
      text.textContent = `${Math.ceil(left / 1000)} s left`;
      if (!warned && left <= WARN_AT_MS && limit > WARN_AT_MS) {
        warned = true;
        this.announce('5 seconds left');
      }
      if (left <= 0) {
        dispatch({ type: 'time-up', at: Math.max(Date.now(), end) });
        return;
      }
      this.#timers.push(window.setTimeout(tick, 100));
    };
    tick();
    return timer;
  }

  #answerInput(q: Question, round: Round, submit: (answer: Answer) => void): HTMLElement {
    switch (q.type) {
      case 'quiz':
        return q.correct.length > 1
          ? this.#multi(q.options, submit)
          : this.#tiles(q.options, (i) => submit({ type: 'quiz', options: [i] }));
      case 'true-false':
        return this.#tiles(['True', 'False'], (i) => submit({ type: 'true-false', value: i === 0 }), [1, 0]);
      case 'type-answer':
        return this.#typed(submit);
      case 'puzzle':
        return this.#puzzle(q.items, round.start, submit);
      case 'slider':
        return this.#slider(q, submit);
    }
  }

  /** Up to four tiles; keys 1–4 pick them. `look` maps a tile to its colour and shape. */
  #tiles(labels: string[], pick: (index: number) => void, look: number[] = [0, 1, 2, 3]) {
    const tiles = labels.map((label, i) => {
      const { colour, shape: form } = TILES[look[i]!]!;
      return h(
        'button',
        {
          type: 'button',
          class: 'tile',
          'data-colour': colour,
          'data-testid': 'answer-option',
          'data-autofocus': i === 0,
          onclick: () => pick(i),
        },
        shape(form),
        h('span', { class: 'tile__text' }, label),
        h('kbd', { class: 'tile__key', 'aria-hidden': 'true' }, String(i + 1)),
      );
    });
    this.#onKeys((event) => {
      const n = Number(event.key);
      if (n >= 1 && n <= tiles.length && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        tiles[n - 1]!.click();
      }
    });
    return h('div', { class: 'tiles', role: 'group', 'aria-label': 'Answers: press 1 to 4' }, ...tiles);
  }

  #multi(options: string[], submit: (answer: Answer) => void) {
    const picked = new Set<number>();
    const send = h(
      'button',
      { type: 'button', class: 'button', disabled: true, onclick: () => submit({ type: 'quiz', options: [...picked].sort() }) },
      'Submit answer',
    );
    const group = this.#tiles(options, (i) => {
      if (picked.has(i)) picked.delete(i);
      else picked.add(i);
      tiles[i]!.setAttribute('aria-pressed', String(picked.has(i)));
      send.disabled = picked.size === 0;
    });
    const tiles = [...group.querySelectorAll<HTMLButtonElement>('.tile')];
    for (const tile of tiles) tile.setAttribute('aria-pressed', 'false');
    group.setAttribute('aria-label', 'Pick every right answer, then submit: press 1 to 4');
    return h(
      'div',
      {},
      h('p', { class: 'hint' }, 'More than one answer is right. Pick them all, then submit.'),
      group,
      h('div', { class: 'actions' }, send),
    );
  }

  #typed(submit: (answer: Answer) => void) {
    const input = h('input', {
      type: 'text',
      id: 'typed-answer',
      name: 'typed',
      autocomplete: 'off',
      'data-autofocus': true,
      'data-testid': 'answer-option',
      required: true,
      maxlength: 80,
    });
    return h(
      'form',
      {
        class: 'typed',
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (input.value.trim()) submit({ type: 'type-answer', text: input.value });
        },
      },
      h('label', { for: 'typed-answer' }, 'Your answer'),
      input,
      h('button', { type: 'submit', class: 'button' }, 'Submit answer'),
    );
  }

  /** Put items in order by dragging, or by keyboard with the move buttons. */
  #puzzle(items: string[], start: number[], submit: (answer: Answer) => void) {
    const order = [...start];
    const list = h('ol', { class: 'puzzle', 'aria-label': 'Items to put in order, first at the top' });
    let dragged: number | null = null;
    const draw = (focusItem?: number, focusDirection?: 'up' | 'down') => {
      list.replaceChildren(
        ...order.map((item, place) => {
          const move = (delta: number) => {
            const target = place + delta;
            if (target < 0 || target >= order.length) return;
            [order[place], order[target]] = [order[target]!, order[place]!];
            draw(item, delta < 0 ? 'up' : 'down');
            this.announce(`${items[item]} moved to place ${target + 1} of ${order.length}`);
          };
          return h(
            'li',
            {
              class: 'puzzle__item',
              draggable: 'true',
              'data-testid': 'answer-option',
              'data-item': item,
              ondragstart: () => (dragged = place),
              ondragover: (event: Event) => event.preventDefault(),
              ondrop: (event: Event) => {
                event.preventDefault();
                if (dragged === null || dragged === place) return;
                const [moved] = order.splice(dragged, 1);
                order.splice(place, 0, moved!);
                dragged = null;
                draw();
              },
            },
            h('span', { class: 'puzzle__text' }, items[item]!),
            h(
              'button',
              {
                type: 'button',
                class: 'icon-button',
                'data-direction': 'up',
                'aria-label': `Move “${items[item]}” up`,
                disabled: place === 0,
                onclick: () => move(-1),
              },
              '↑',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'icon-button',
                'data-direction': 'down',
                'aria-label': `Move “${items[item]}” down`,
                disabled: place === order.length - 1,
                onclick: () => move(1),
              },
              '↓',
            ),
          );
        }),
      );
      if (focusItem !== undefined) {
        const li = list.querySelector<HTMLElement>(`[data-item="${focusItem}"]`);
        const button =
          li?.querySelector<HTMLButtonElement>(`[data-direction="${focusDirection}"]:not([disabled])`) ??
          li?.querySelector<HTMLButtonElement>('button:not([disabled])');
        button?.focus();
      }
    };
    draw();
    list.querySelector<HTMLElement>('button:not([disabled])')?.setAttribute('data-autofocus', '');
    return h(
      'div',
      {},
      h('p', { class: 'hint' }, 'Drag the items, or use the arrow buttons, to put them in order. First at the top.'),
      list,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'button', onclick: () => submit({ type: 'puzzle', order: [...order] }) },
          'Submit order',
        ),
      ),
    );
  }

  #slider(q: Extract<Question, { type: 'slider' }>, submit: (answer: Answer) => void) {
    const middle = q.min + Math.round((q.max - q.min) / 2 / q.step) * q.step;
    const input = h('input', {
      type: 'range',
      id: 'slider-answer',
      min: q.min,
      max: q.max,
      step: q.step,
      value: middle,
      'data-autofocus': true,
      'data-testid': 'answer-option',
    });
    const output = h('output', { for: 'slider-answer', class: 'slider__value' }, `${middle} ${q.unit}`);
    input.addEventListener('input', () => (output.textContent = `${input.value} ${q.unit}`));
    return h(
      'div',
      { class: 'slider' },
      h('label', { for: 'slider-answer' }, `Your answer (${q.min} to ${q.max}${q.unit ? ` ${q.unit}` : ''})`),
      input,
      output,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'button', onclick: () => submit({ type: 'slider', value: Number(input.value) }) },
          'Submit answer',
        ),
      ),
    );
  }

  #onKeys(handler: (event: KeyboardEvent) => void) {
    this.#keys = (event) => {
      const target = event.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      handler(event);
    };
    document.addEventListener('keydown', this.#keys);
  }

  #handover(state: GameState) {
    const player = currentPlayer(state)!;
    this.announce(`Pass the device to ${player.nickname}`);
    return h(
      'section',
      { class: 'stage__panel handover', 'aria-labelledby': 'handover-title' },
      h('h2', { id: 'handover-title' }, `Pass the device to ${player.nickname}`),
      h('p', {}, 'The other players have answered. No peeking at the screen until it is your turn.'),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-testid': 'handover',
          'data-autofocus': true,
          onclick: () => dispatch({ type: 'next' }),
        },
        `I am ${player.nickname}: show the question`,
      ),
    );
  }

  #reveal(state: GameState, round: Round) {
    const q = round.question;
    const results = roundResults(state);
    const solo = state.players.length === 1;
    const mine = results[0];
    const headline = solo ? (mine?.answer === null ? 'Time is up' : mine?.correct ? 'Correct' : 'Not quite') : 'The answer';
    const player = state.players[0]!;
    const gained = (mine?.points ?? 0) + (mine?.bonus ?? 0);
    if ($sound.get() && solo) chime(Boolean(mine?.correct));
    this.announce(
      solo
        ? `${headline}. ${gained} points${mine?.bonus ? `, including a streak bonus of ${mine.bonus}` : ''}. Answer streak ${player.streak}. Score ${player.score}.`
        : `${headline}: ${rightAnswerText(q)}`,
    );
    const panel = h(
      'section',
      { class: 'stage__panel reveal', 'aria-labelledby': 'reveal-title' },
      h(
        'h2',
        {
          id: 'reveal-title',
          tabindex: '-1',
          'data-autofocus': true,
          'data-outcome': solo ? (mine?.correct ? 'right' : 'wrong') : undefined,
        },
        headline,
      ),
      h('p', { class: 'prompt-small' }, q.prompt),
      this.#rightAnswer(state, q),
    );
    if (solo) {
      panel.append(
        h(
          'dl',
          { class: 'stats score-line' },
          h(
            'div',
            {},
            h('dt', {}, 'This question'),
            h('dd', {}, `+${gained}`, mine?.bonus ? ` (streak bonus ${mine.bonus})` : ''),
          ),
          h('div', {}, h('dt', {}, 'Score'), h('dd', { 'data-testid': 'score' }, String(player.score))),
          h('div', {}, h('dt', {}, 'Answer streak'), h('dd', { 'data-testid': 'streak' }, String(player.streak))),
        ),
      );
    } else {
      panel.append(
        h(
          'table',
          { class: 'players-table' },
          h('caption', {}, 'This question'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Player'),
              h('th', { scope: 'col' }, 'Answer'),
              h('th', { scope: 'col' }, 'Points'),
              h('th', { scope: 'col' }, 'Streak'),
            ),
          ),
          h(
            'tbody',
            {},
            ...state.players.map((p, i) => {
              const r = results[i];
              return h(
                'tr',
                {},
                h('th', { scope: 'row' }, p.nickname),
                h('td', {}, r?.answer === null ? 'No answer' : r?.correct ? 'Right' : 'Wrong'),
                h('td', {}, `+${(r?.points ?? 0) + (r?.bonus ?? 0)}`),
                h('td', {}, String(p.streak)),
              );
            }),
          ),
        ),
        h(
          'p',
          { 'data-testid': 'score', class: 'visually-hidden' },
          state.players.map((p) => `${p.nickname} ${p.score}`).join(', '),
        ),
      );
    }
    panel.append(
      h(
        'div',
        { class: 'explain' },
        h('p', { 'data-testid': 'explanation' }, q.explanation),
        h('p', {}, 'Source: ', h('a', { href: q.sourceHref, 'data-testid': 'source-link' }, q.sourceLabel ?? 'the notes')),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'button', 'data-testid': 'next', onclick: () => dispatch({ type: 'next' }) },
          'Next',
        ),
      ),
    );
    return panel;
  }

  #rightAnswer(state: GameState, q: Question) {
    const counts = optionCounts(state);
    const mine = state.players.length === 1 ? state.players[0]?.results[state.round]?.answer : null;
    const picked = (i: number) =>
      mine?.type === 'quiz' ? mine.options.includes(i) : mine?.type === 'true-false' ? mine.value === (i === 0) : false;
    if (q.type === 'quiz' || q.type === 'true-false') {
      const labels = q.type === 'quiz' ? q.options : ['True', 'False'];
      const right = q.type === 'quiz' ? q.correct : [q.answer ? 0 : 1];
      const look = q.type === 'quiz' ? [0, 1, 2, 3] : [1, 0];
      return h(
        'ul',
        { class: 'tiles tiles--reveal', 'aria-label': 'Answers, with how many picked each' },
        ...labels.map((label, i) => {
          const { colour, shape: form } = TILES[look[i]!]!;
          const ok = right.includes(i);
          return h(
            'li',
            {
              class: 'tile',
              'data-colour': colour,
              'data-right': ok ? 'true' : 'false',
              'data-mine': picked(i),
              'data-testid': 'answer-option',
            },
            shape(form),
            h(
              'span',
              { class: 'tile__text' },
              label,
              picked(i) ? h('span', { class: 'visually-hidden' }, ' (your answer)') : null,
            ),
            h('span', { class: 'tile__verdict' }, ok ? '✓ Right' : '✗ Wrong'),
            h('span', { class: 'tile__count' }, `${counts[i] ?? 0} picked`),
          );
        }),
      );
    }
    if (q.type === 'puzzle') {
      return h(
        'div',
        { class: 'right-answer' },
        h('p', {}, h('strong', {}, 'Right order:')),
        h('ol', {}, ...q.items.map((item) => h('li', {}, item))),
      );
    }
    return h('p', { class: 'right-answer' }, h('strong', {}, 'Right answer: '), rightAnswerText(q));
  }

  #leaderboard(state: GameState) {
    const rows = leaderboard(state);
    this.announce(`Leaderboard. First: ${rows[0]?.nickname}, ${rows[0]?.score} points.`);
    const last = state.round + 1 >= state.rounds.length;
    return h(
      'section',
      { class: 'stage__panel', 'aria-labelledby': 'leaderboard-title' },
      h('h2', { id: 'leaderboard-title', tabindex: '-1' }, 'Leaderboard'),
      h(
        'ol',
        { class: 'standings', 'data-testid': 'leaderboard' },
        ...rows.map((s) =>
          h(
            'li',
            { 'data-ghost': s.player ? undefined : 'true' },
            h('span', { class: 'standings__rank' }, `${s.rank}.`),
            h('span', { class: 'standings__name' }, s.player ? s.nickname : `${s.nickname} (ghost)`),
            h('span', { class: 'standings__score' }, `${s.score} points`),
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            'data-testid': 'next',
            'data-autofocus': true,
            onclick: () => dispatch({ type: 'next' }),
          },
          last ? 'See the podium' : 'Next question',
        ),
      ),
    );
  }

  #podium(state: GameState) {
    const top = podium(state);
    const total = state.rounds.length;
    const best = $best.get().packs[state.pack];
    this.announce(`Podium. Winner: ${top[0]?.nickname} with ${top[0]?.score} points.`);
    const again = () => {
      const count = state.rounds.length;
      const pack = state.pack;
      const ids = this.#bank.packs.find((p) => p.id === pack)?.questionIds ?? state.rounds.map((r) => r.question.id);
      dispatch({ type: 'quit' });
      this.startGame(this.#questions(ids), pack, count);
    };
    const panel = h(
      'section',
      { class: 'stage__panel', 'aria-labelledby': 'podium-title' },
      h('h2', { id: 'podium-title', tabindex: '-1', 'data-autofocus': true }, 'Podium'),
      h(
        'ol',
        { class: 'podium', 'data-testid': 'podium' },
        ...top.map((s) =>
          h(
            'li',
            { 'data-rank': s.rank },
            h('span', { class: 'podium__rank' }, ordinal(s.rank)),
            h('span', { class: 'podium__name' }, s.nickname),
            h('span', {}, `${s.score} points`),
            h('span', {}, `${s.player?.correctCount ?? 0} of ${total} correct`),
            h('span', {}, `Best streak ${s.player?.bestStreak ?? 0}`),
          ),
        ),
      ),
      state.players.length === 1 && best ? h('p', {}, `Your best in this pack: ${best.score} points.`) : null,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button', onclick: again }, 'Play again'),
        state.settings.mode !== 'practice' && state.pack !== 'review'
          ? h(
              'button',
              {
                type: 'button',
                class: 'button button--quiet',
                'data-testid': 'ghost-start',
                onclick: () => this.#againstGhost(),
              },
              'Play against your ghost',
            )
          : null,
        h(
          'button',
          { type: 'button', class: 'button button--quiet', onclick: () => dispatch({ type: 'quit' }) },
          'Change the setup',
        ),
      ),
      this.#share(state),
    );
    return panel;
  }
  #againstGhost() {
    const ghost = $ghost.get();
    if (!ghost) return;
    const ids = this.#bank.packs.find((p) => p.id === ghost.pack)?.questionIds ?? ghost.questionIds;
    dispatch({ type: 'quit' });
    this.startGame(this.#questions(ids), ghost.pack, undefined, ghost);
  }

  /** A link that shows this result as a card, with nothing stored anywhere. */
  #share(state: GameState) {
    const top = podium(state)[0];
    if (!top?.player || state.pack === 'review') return null;
    const query = shareQuery({
      pack: state.pack,
      score: top.score,
      rank: 1,
      players: state.players.length,
      correct: top.player.correctCount,
      questions: state.rounds.length,
      date: new Date(state.startedAt ?? Date.now()).toISOString().slice(0, 10),
    });
    const url = new URL(withBase(`/quiz/result/?${query}`), location.origin).href;
    const copy = h('button', { type: 'button', class: 'link-button' }, 'Copy the link');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(url).then(() => this.announce('Link copied'));
    });
    return h(
      'p',
      { class: 'share' },
      'Share this result: ',
      h('a', { href: url, 'data-testid': 'share-link' }, 'result card for ', top.nickname),
      ' ',
      copy,
    );
  }
}

function seed(): number {
  const fromUrl = Number(new URLSearchParams(location.search).get('seed'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

function modeLabel(state: GameState): string {
  const { mode, timer } = state.settings;
  if (mode === 'untimed') return 'Untimed';
  if (mode === 'practice') return `Practice, no points · ${timer} s`;
  if (mode === 'extended') return `Extended time · ${timer * 2} s`;
  return `${timer} s per question`;
}

function kindLabel(q: Question): string {
  switch (q.type) {
    case 'quiz':
      return q.correct.length > 1 ? 'Pick all that apply' : 'Pick one';
    case 'true-false':
      return 'True or false';
    case 'type-answer':
      return 'Type the answer';
    case 'puzzle':
      return 'Put in order';
    case 'slider':
      return 'Pick a number';
  }
}

export function rightAnswerText(q: Question): string {
  switch (q.type) {
    case 'quiz':
      return q.correct.map((i) => q.options[i]).join(', ');
    case 'true-false':
      return q.answer ? 'True' : 'False';
    case 'type-answer':
      return q.accepted.length > 1 ? `${q.accepted[0]} (also accepted: ${q.accepted.slice(1).join(', ')})` : q.accepted[0]!;
    case 'puzzle':
      return q.items.map((item, i) => `${i + 1}. ${item}`).join('  ');
    case 'slider':
      return `${q.answer}${q.unit ? ` ${q.unit}` : ''}${q.tolerance ? ` (±${q.tolerance} counts)` : ''}`;
  }
}

function ordinal(rank: number): string {
  return rank === 1 ? '1st' : rank === 2 ? '2nd' : rank === 3 ? '3rd' : `${rank}th`;
}
