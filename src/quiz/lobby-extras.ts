// The lobby around the setup form: hot-seat players, best score, sound, the ghost, and review mode
// with its progress per session and category.
import { MAX_PLAYERS } from './engine.ts';
import { dueQuestions, progress } from './leitner.ts';
import { $best, $boxes, $ghost, $sound, resetBoxes } from './store.ts';
import { h } from './dom.ts';
import type { Bank } from './bank.ts';
import type { Ghost, Question } from './types.ts';

export interface LobbyActions {
  /** Join the lobby's players with its settings; false (and a message shown) when that fails. */
  join(): boolean;
  start(questions: Question[], pack: string, options: { ghost?: Ghost; ordered?: boolean }): void;
  questions(ids: readonly string[]): Question[];
}

export function lobbyExtras(root: HTMLElement, bank: Bank, actions: LobbyActions): void {
  const form = root.querySelector<HTMLFormElement>('form[data-lobby]')!;
  players(form);
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
      `${ghost.nickname} scored ${total} points on ${ghost.questionIds.length} questions from “${label}”. Replay the same questions in the same order and race that run.`;
  });
  root.querySelector('[data-testid="ghost-start"]')!.addEventListener('click', () => {
    const ghost = $ghost.get();
    if (!ghost || !actions.join()) return;
    const pack = bank.packs.find((p) => p.id === ghost.pack);
    actions.start(actions.questions(pack?.questionIds ?? ghost.questionIds), ghost.pack, { ghost });
  });

  review(root, bank, actions);
}

function players(form: HTMLFormElement) {
  const list = form.querySelector<HTMLElement>('[data-players]')!;
  const add = form.querySelector<HTMLButtonElement>('[data-testid="add-player"]')!;
  add.addEventListener('click', () => {
    const count = list.querySelectorAll('input').length;
    if (count >= MAX_PLAYERS) return;
    const id = `nickname-${count + 1}`;
    const input = h('input', { id, name: 'nickname', type: 'text', maxlength: 24, autocomplete: 'off' });
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
    input.focus();
  });
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

function review(root: HTMLElement, bank: Bank, actions: LobbyActions) {
  const status = root.querySelector<HTMLElement>('[data-review-status]')!;
  const start = root.querySelector<HTMLButtonElement>('[data-testid="review-start"]')!;
  const body = root.querySelector<HTMLElement>('[data-progress]')!;
  const known = new Set(bank.questions.map((q) => q.id));
  const due = () => dueQuestions($boxes.get(), Date.now()).filter((id) => known.has(id));

  $boxes.subscribe((boxes) => {
    const count = due().length;
    status.textContent =
      count === 0
        ? 'Nothing to review right now. Questions you miss in a one-player game come back here.'
        : `${count} question${count === 1 ? '' : 's'} due for review, box 1 first.`;
    start.disabled = count === 0;
    body.replaceChildren(
      ...bank.groups.map((g) => {
        const p = progress(boxes, g.questionIds);
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, g.kind === 'category' ? g.label : `Session: ${g.label}`),
          h('td', {}, p.new),
          h('td', {}, p.learning),
          h('td', {}, p.mastered),
        );
      }),
    );
  });

  start.addEventListener('click', () => {
    const ids = due();
    if (ids.length === 0 || !actions.join()) return;
    actions.start(actions.questions(ids), 'review', { ordered: true });
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
