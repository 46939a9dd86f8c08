// The lobby's helpers: more players for hot-seat play, and the best score for the chosen pack.
import { MAX_PLAYERS } from './engine.ts';
import { $best } from './store.ts';
import { h } from './dom.ts';
import type { Bank } from './bank.ts';

export function lobbyExtras(form: HTMLFormElement, bank: Bank): void {
  const players = form.querySelector<HTMLElement>('[data-players]')!;
  const add = form.querySelector<HTMLButtonElement>('[data-testid="add-player"]')!;
  add.addEventListener('click', () => {
    const count = players.querySelectorAll('input').length;
    if (count >= MAX_PLAYERS) return;
    const id = `nickname-${count + 1}`;
    const input = h('input', { id, name: 'nickname', type: 'text', maxlength: 24, autocomplete: 'off' });
    const remove = h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove player ${count + 1}` }, 'Remove');
    const row = h('div', { class: 'field' }, h('label', { for: id }, `Player ${count + 1}`), h('div', { class: 'field__row' }, input, remove));
    remove.addEventListener('click', () => {
      row.remove();
      add.disabled = false;
      add.focus();
    });
    players.append(row);
    add.disabled = count + 1 >= MAX_PLAYERS;
    input.focus();
  });

  const pack = form.querySelector<HTMLSelectElement>('select[name="pack"]')!;
  const best = form.querySelector<HTMLElement>('[data-best]')!;
  const showBest = () => {
    const record = $best.get().packs[pack.value];
    const label = bank.packs.find((p) => p.id === pack.value)?.label ?? pack.value;
    best.textContent = record ? `Best score in “${label}”: ${record.score} points (${record.correct} of ${record.questions} correct).` : '';
  };
  pack.addEventListener('change', showBest);
  $best.subscribe(showBest);
}
