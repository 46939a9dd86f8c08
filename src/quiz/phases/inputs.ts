// The answer controls for each question type: four Kahoot tiles (keys 1–4), multi-select tiles, a typed
// answer, a puzzle to order (drag, or the move buttons by keyboard) and a slider. Each calls `submit` once
// with an Answer; none knows the right answer, so a live player's phone can use them too.
import { h, shape, TILES } from '../dom.ts';
import type { AskedQuestion } from '../asked.ts';
import type { Answer } from '../types.ts';

export interface InputContext {
  /** A key handler for as long as the controls are on screen. */
  keys(handler: (event: KeyboardEvent) => void): void;
  announce(message: string): void;
}

export function answerInput(q: AskedQuestion, submit: (answer: Answer) => void, ctx: InputContext): HTMLElement {
  switch (q.type) {
    case 'quiz':
      return q.multiple ? multi(q.options, submit, ctx) : tiles(q.options, (i) => submit({ type: 'quiz', options: [i] }), ctx);
    case 'true-false':
      return tiles(['True', 'False'], (i) => submit({ type: 'true-false', value: i === 0 }), ctx, [1, 0]);
    case 'type-answer':
      return typed(submit);
    case 'puzzle':
      return puzzle(q.items, q.start, submit, ctx);
    case 'slider':
      return slider(q, submit);
  }
}

/** Up to four tiles; keys 1–4 pick them. `look` maps a tile to its colour and shape. */
export function tiles(labels: string[], pick: (index: number) => void, ctx: InputContext, look: number[] = [0, 1, 2, 3]) {
  const buttons = labels.map((label, i) => {
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
  ctx.keys((event) => {
    const n = Number(event.key);
    if (n >= 1 && n <= buttons.length && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      buttons[n - 1]!.click();
    }
  });
  return h('div', { class: 'tiles', role: 'group', 'aria-label': 'Answers: press 1 to 4' }, ...buttons);
}

function multi(options: string[], submit: (answer: Answer) => void, ctx: InputContext) {
  const picked = new Set<number>();
  const send = h(
    'button',
    {
      type: 'button',
      class: 'button',
      disabled: true,
      onclick: () => submit({ type: 'quiz', options: [...picked].sort() }),
    },
    'Submit answer',
  );
  const group = tiles(
    options,
    (i) => {
      if (picked.has(i)) picked.delete(i);
      else picked.add(i);
      buttons[i]!.setAttribute('aria-pressed', String(picked.has(i)));
      send.disabled = picked.size === 0;
    },
    ctx,
  );
  const buttons = [...group.querySelectorAll<HTMLButtonElement>('.tile')];
  for (const button of buttons) button.setAttribute('aria-pressed', 'false');
  group.setAttribute('aria-label', 'Pick every right answer, then submit: press 1 to 4');
  return h(
    'div',
    {},
    h('p', { class: 'hint' }, 'More than one answer is right. Pick them all, then submit.'),
    group,
    h('div', { class: 'actions' }, send),
  );
}

function typed(submit: (answer: Answer) => void) {
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
function puzzle(items: string[], start: number[], submit: (answer: Answer) => void, ctx: InputContext) {
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
          ctx.announce(`${items[item]} moved to place ${target + 1} of ${order.length}`);
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

function slider(q: Extract<AskedQuestion, { type: 'slider' }>, submit: (answer: Answer) => void) {
  const unit = q.unit ? ` ${q.unit}` : '';
  const input = h('input', {
    type: 'range',
    id: 'slider-answer',
    min: q.min,
    max: q.max,
    step: q.step,
    value: q.start,
    'data-autofocus': true,
    'data-testid': 'answer-option',
  });
  const output = h('output', { for: 'slider-answer', class: 'slider__value' }, `${q.start}${unit}`);
  input.addEventListener('input', () => (output.textContent = `${input.value}${unit}`));
  return h(
    'div',
    { class: 'slider' },
    h('label', { for: 'slider-answer' }, `Your answer (${q.min} to ${q.max}${unit})`),
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
