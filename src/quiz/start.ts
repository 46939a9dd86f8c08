// The one way a game starts: from the lobby's form, a ghost, review, or the podium's "play again".
// The players must already be seated (the lobby joins them; the podium keeps the last game's).
import { dispatch } from './store.ts';
import type { Bank } from './bank.ts';
import { questionsOf } from './pack.ts';
import type { Ghost } from './types.ts';

export interface StartOptions {
  /** The pack the questions come from: 'all', a session id, 'category:…', or 'review'. */
  pack: string;
  /** Deal only these questions (review: the due ones), in this order. Default: the pack's. */
  questionIds?: readonly string[];
  /** How many to deal. Default: all. */
  count?: number;
  /** Replay this earlier run's questions in its order and race its points. */
  ghost?: Ghost;
}

export function startGame(bank: Bank, { pack, questionIds, count, ghost }: StartOptions): boolean {
  const ids = questionIds ?? bank.packs.find((p) => p.id === pack)?.questionIds ?? ghost?.questionIds ?? [];
  const questions = questionsOf(bank, ids);
  return dispatch({
    type: 'start',
    questions,
    seed: seed(),
    at: Date.now(),
    pack,
    ...(count ? { count } : {}),
    ...(ghost ? { ghost } : {}),
    ...(questionIds ? { ordered: true } : {}),
  });
}

/** A fresh seed for the deal, or the page's ?seed= (tests replay a known deal). */
function seed(): number {
  const fromUrl = Number(new URLSearchParams(location.search).get('seed'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
