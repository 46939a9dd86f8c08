// The stage: renders the game store one phase at a time and owns the screen while a game runs (the site's
// header and footer fold away; Leave asks first, then brings them back). Effects of a phase (speech, sound)
// fire on a transition between phases, never when the same phase is drawn again, as after a reload.
import { $game, dispatch, resumeGame } from './store.ts';
import { currentPlayer } from './engine.ts';
import { h } from './dom.ts';
import { modeLabel } from './labels.ts';
import { startGame, type StartOptions } from './start.ts';
import { answering } from './phases/answering.ts';
import { handover } from './phases/handover.ts';
import { leaderboard } from './phases/leaderboard.ts';
import { podium } from './phases/podium.ts';
import { preview } from './phases/preview.ts';
import { reveal } from './phases/reveal.ts';
import type { PhaseView, StageContext } from './phases/phase.ts';
import type { Bank } from './bank.ts';
import type { GameState, Phase } from './types.ts';

const PHASES: Record<Exclude<Phase, 'lobby'>, PhaseView> = { preview, answering, handover, reveal, leaderboard, podium };

export class Stage {
  readonly #stage: HTMLElement;
  readonly #setup: HTMLElement;
  readonly #announcer: HTMLElement;
  readonly #leave: HTMLDialogElement;
  readonly #ctx: StageContext;
  #key: string | undefined;
  #timers: number[] = [];
  #keys: ((event: KeyboardEvent) => void)[] = [];
  /** A game that had already ended when the page loaded stays behind the lobby. */
  #ended: boolean;

  constructor(root: HTMLElement, bank: Bank) {
    this.#stage = root.querySelector<HTMLElement>('[data-stage]')!;
    this.#setup = root.querySelector<HTMLElement>('[data-setup]')!;
    this.#announcer = root.querySelector<HTMLElement>('[data-announcer]')!;
    this.#leave = root.querySelector<HTMLDialogElement>('dialog[data-leave]')!;
    this.#ctx = {
      bank,
      announce: (message) => this.announce(message),
      later: (ms, run) => void this.#timers.push(window.setTimeout(run, ms)),
      keys: (handler) => this.#onKeys(handler),
      start: (options: StartOptions) => {
        this.#ended = false;
        return startGame(bank, options);
      },
      leave: () => {
        this.#ended = false;
        dispatch({ type: 'quit' });
      },
    };
    this.#leave.querySelector('[data-leave-yes]')!.addEventListener('click', () => this.#ctx.leave());
    this.#ended = $game.get().phase === 'podium';
    resumeGame(Date.now());
    $game.subscribe((state) => this.#render(state));
  }

  get context(): StageContext {
    return this.#ctx;
  }

  announce(message: string) {
    // Clearing first makes a repeated message be read again.
    this.#announcer.textContent = '';
    requestAnimationFrame(() => (this.#announcer.textContent = message));
  }

  #render(state: GameState) {
    const onStage = state.phase !== 'lobby' && !(this.#ended && state.phase === 'podium');
    const key = onStage ? `${state.phase}:${state.round}:${state.turn}:${state.openedAt}:${state.players.length}` : 'lobby';
    if (key === this.#key) return;
    const transition = this.#key !== undefined;
    this.#key = key;
    this.#clear();
    this.#setup.hidden = onStage;
    this.#stage.hidden = !onStage;
    document.documentElement.toggleAttribute('data-game-on', onStage && state.phase !== 'podium');
    this.#stage.replaceChildren();
    if (!onStage || state.phase === 'lobby') return;
    const phase = PHASES[state.phase];
    this.#stage.append(this.#bar(state), phase.render(state, this.#ctx));
    this.#stage.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    if (transition) phase.enter?.(state, this.#ctx);
  }

  #bar(state: GameState) {
    const player = currentPlayer(state);
    const hotSeat = state.players.length > 1;
    const over = state.phase === 'podium';
    return h(
      'div',
      { class: 'stage__bar' },
      h('span', { class: 'stage__count' }, over ? 'Game over' : `Question ${state.round + 1} of ${state.rounds.length}`),
      hotSeat && player && !over && state.phase !== 'leaderboard' ? h('span', {}, `Turn: ${player.nickname}`) : null,
      h('span', { class: 'stage__mode' }, modeLabel(state)),
      over
        ? null
        : h(
            'button',
            { type: 'button', class: 'link-button stage__leave', onclick: () => this.#leave.showModal() },
            'Leave game',
          ),
    );
  }

  #onKeys(handler: (event: KeyboardEvent) => void) {
    const listener = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || this.#leave.open) return;
      handler(event);
    };
    this.#keys.push(listener);
    document.addEventListener('keydown', listener);
  }

  #clear() {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
    for (const listener of this.#keys) document.removeEventListener('keydown', listener);
    this.#keys = [];
    if (this.#leave.open) this.#leave.close();
  }
}
