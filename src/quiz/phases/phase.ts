// What every phase module gets from the stage, and what it gives back.
import type { Bank } from '../bank.ts';
import type { StartOptions } from '../start.ts';
import type { GameState } from '../types.ts';

export interface StageContext {
  readonly bank: Bank;
  /** Said by screen readers through the stage's live region. */
  announce(message: string): void;
  /** A timeout that is cleared when the phase leaves the screen. */
  later(ms: number, run: () => void): void;
  /** A key handler for as long as the phase is on screen (typing in a field is left alone). */
  keys(handler: (event: KeyboardEvent) => void): void;
  start(options: StartOptions): boolean;
  /** Back to the lobby, with the site's header and footer. */
  leave(): void;
}

export interface PhaseView {
  /** The phase's panel. Pure with respect to sound and speech: it may run again after a reload. */
  render(state: GameState, ctx: StageContext): HTMLElement;
  /** Effects of arriving in the phase (announcements, sound): only on a transition, never on a re-render. */
  enter?(state: GameState, ctx: StageContext): void;
}
