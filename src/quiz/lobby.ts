// The lobby: players (hot-seat adds more), pack, count, timer, mode and sound, the last game in a line,
// the best score, the ghost, and review mode with its progress. Every start goes through ctx.start.
import { $best, $boxes, $game, $ghost, $sound, dispatch, resetBoxes } from './store.ts';
import { standings } from './engine.ts';
import { dueQuestions, progress } from './leitner.ts';
import { MAX_NICKNAME, MAX_PLAYERS } from './schema.ts';
import { h } from './dom.ts';
import { plural } from './labels.ts';
import type { StageContext } from './phases/phase.ts';
import type { Bank } from './bank.ts';
import type { Mode, TimerSeconds } from './types.ts';

export function lobby(root: HTMLElement, ctx: StageContext): void {
  const { bank } = ctx;
  const form = root.querySelector<HTMLFormElement>('form[data-lobby]')!;
  const error = form.querySelector<HTMLElement>('[data-error]')!;
  const packs = form.querySelector<HTMLSelectElement>('select[name="pack"]')!;

  /** Seat the form's players with its settings; shows why not and returns false when that fails. */
  const join = (): boolean => {
    error.textContent = '';
    const data = new FormData(form);
    const names = data
      .getAll('nickname')
      .map((n) => String(n).trim())
      .filter(Boolean);
    if (names.length === 0) {
      error.textContent = 'Enter a nickname to play.';
      form.querySelector<HTMLInputElement>('input[name="nickname"]')?.focus();
      return false;
    }
    const settings = { timer: Number(data.get('timer')) as TimerSeconds, mode: String(data.get('mode')) as Mode };
    // From a finished game, quit goes to the lobby with the same players; from there, to an empty lobby.
    while ($game.get().players.length > 0 && dispatch({ type: 'quit' }));
    for (const name of names) {
      if (!dispatch({ type: 'join', nickname: name, settings })) {
        error.textContent = `“${name}” cannot join: nicknames must differ from each other and be at most ${MAX_NICKNAME} characters.`;
        dispatch({ type: 'quit' });
        return false;
      }
    }
    return true;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!join()) return;
    const count = new FormData(form).get('count');
    ctx.start({ pack: packs.value, ...(count === 'all' ? {} : { count: Number(count) }) });
  });

  const chosen = new URLSearchParams(location.search).get('pack');
  if (chosen && bank.packs.some((p) => p.id === chosen)) packs.value = chosen;

  players(
    form,
    $game.get().players.map((p) => p.nickname),
  );
  lastGame(root, bank);
  bestScore(form, bank);

  const sound = form.querySelector<HTMLInputElement>('[data-sound]')!;
  $sound.subscribe((on) => (sound.checked = on));
  sound.addEventListener('change', () => $sound.set(sound.checked));

  const ghostBox = root.querySelector<HTMLElement>('[data-ghost]')!;
  $ghost.subscribe((ghost) => {
    ghostBox.hidden = !ghost;
    if (!ghost) return;
    const label = bank.packs.find((p) => p.id === ghost.pack)?.label ?? ghost.pack;
    const total = ghost.points.reduce((a, b) => a + b, 0);
    root.querySelector('[data-ghost-status]')!.textContent =
      `${ghost.nickname} scored ${total} points on ${plural(ghost.questionIds.length, 'question')} from “${label}”. Replay the same questions in the same order and race that run.`;
  });
  root.querySelector('[data-testid="ghost-start"]')!.addEventListener('click', () => {
    const ghost = $ghost.get();
    if (ghost && join()) ctx.start({ pack: ghost.pack, ghost });
  });

  review(root, bank, (questionIds) => join() && ctx.start({ pack: 'review', questionIds }));
}

/** The player fields: the first always there, more for hot-seat; filled with the last game's names. */
function players(form: HTMLFormElement, names: string[]) {
  const list = form.querySelector<HTMLElement>('[data-players]')!;
  const add = form.querySelector<HTMLButtonElement>('[data-testid="add-player"]')!;
  const first = list.querySelector<HTMLInputElement>('input[name="nickname"]')!;
  const addRow = (value = '', focus = true) => {
    const count = list.querySelectorAll('input').length;
    if (count >= MAX_PLAYERS) return;
    const id = `nickname-${count + 1}`;
    const input = h('input', { id, name: 'nickname', type: 'text', maxlength: MAX_NICKNAME, autocomplete: 'off' });
    input.value = value;
    const remove = h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove player ${count + 1}` }, 'Remove');
    const row = h(
      'div',
      { class: 'field' },
      h('label', { for: id }, `Player ${count + 1}`),
      h('div', { class: 'field__row' }, input, remove),
    );
    remove.addEventListener('click', () => {
      row.remove();
      add.disabled = false;
      add.focus();
    });
    list.append(row);
    add.disabled = count + 1 >= MAX_PLAYERS;
    if (focus) input.focus();
  };
  add.addEventListener('click', () => addRow());
  const [mine, ...others] = names;
  if (mine && !first.value) first.value = mine;
  for (const name of others) addRow(name, false);
}

/** After a finished game: one line about it above the form, instead of the old podium. */
function lastGame(root: HTMLElement, bank: Bank) {
  const box = root.querySelector<HTMLElement>('[data-last-game]')!;
  const state = $game.get();
  if (state.phase !== 'podium') return;
  const label = bank.packs.find((p) => p.id === state.pack)?.label ?? 'review';
  const results = standings(state)
    .map(
      (s) =>
        `${s.player ? s.nickname : `${s.nickname} (ghost)`} ${s.score} points${s.player ? `, ${s.player.correctCount} of ${state.rounds.length} right` : ''}`,
    )
    .join('; ');
  box.textContent = `Your last game, “${label}”: ${results}.`;
  box.hidden = false;
}

function bestScore(form: HTMLFormElement, bank: Bank) {
  const pack = form.querySelector<HTMLSelectElement>('select[name="pack"]')!;
  const best = form.querySelector<HTMLElement>('[data-best]')!;
  const show = () => {
    const record = $best.get().packs[pack.value];
    const label = bank.packs.find((p) => p.id === pack.value)?.label ?? pack.value;
    best.textContent = record
      ? `Best score in “${label}”: ${record.score} points (${record.correct} of ${record.questions} correct).`
      : '';
  };
  pack.addEventListener('change', show);
  $best.subscribe(show);
}

function review(root: HTMLElement, bank: Bank, start: (questionIds: string[]) => boolean) {
  const status = root.querySelector<HTMLElement>('[data-review-status]')!;
  const button = root.querySelector<HTMLButtonElement>('[data-testid="review-start"]')!;
  const body = root.querySelector<HTMLElement>('[data-progress]')!;
  const known = new Set(bank.questions.map((q) => q.id));
  const due = () => dueQuestions($boxes.get(), Date.now()).filter((id) => known.has(id));

  $boxes.subscribe((boxes) => {
    const count = due().length;
    status.textContent =
      count === 0
        ? 'Nothing to review right now. Questions you miss in a one-player game come back here.'
        : `${plural(count, 'question')} due for review, box 1 first.`;
    button.disabled = count === 0;
    body.replaceChildren(
      ...bank.groups.map((g) => {
        const p = progress(boxes, g.questionIds);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, g.label),
          h('td', {}, p.new),
          h('td', {}, p.learning),
          h('td', {}, p.mastered),
        );
      }),
    );
  });

  button.addEventListener('click', () => {
    const ids = due();
    if (ids.length > 0) start(ids);
  });

  const confirm = root.querySelector<HTMLElement>('[data-reset-confirm]')!;
  const ask = root.querySelector<HTMLButtonElement>('[data-reset]')!;
  ask.addEventListener('click', () => {
    confirm.hidden = false;
    root.querySelector<HTMLButtonElement>('[data-reset-no]')!.focus();
  });
  root.querySelector('[data-reset-no]')!.addEventListener('click', () => {
    confirm.hidden = true;
    ask.focus();
  });
  root.querySelector('[data-reset-yes]')!.addEventListener('click', () => {
    resetBoxes();
    confirm.hidden = true;
    ask.focus();
  });
}
