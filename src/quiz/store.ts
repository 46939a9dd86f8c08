// The quiz's nanostores, kept in localStorage: the game in progress, Leitner boxes, best scores, the ghost, sound.
import { persistentAtom, persistentBoolean, setPersistentEngine, windowPersistentEvents } from '@nanostores/persistent';
import type { PersistentEvents } from '@nanostores/persistent';
import type { WritableAtom } from 'nanostores';
import { ghostOf, initialState, reduce, resume, standings } from './engine.ts';
import { emptyBoxes, recordAnswer, reset } from './leitner.ts';
import type { Action, BestScores, GameState, Ghost, LeitnerBoxes } from './types.ts';
import { bestScores, game, ghost, leitnerBoxes, parsed, STORAGE_VERSION } from './schema.ts';
import { nullable, type ZodMiniType } from 'zod/mini';

const noEvents: PersistentEvents = { addEventListener() {}, removeEventListener() {} };

/** Keep stores in memory for the rest of the page's life: the game plays on, it just won't survive a reload. */
function useMemoryStorage(): void {
  // Start from what is still readable, or stores mounting later would fall back to their initial values.
  const memory: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      const value = key === null ? null : localStorage.getItem(key);
      if (key !== null && value !== null) memory[key] = value;
    }
  } catch {
    // Nothing readable either.
  }
  setPersistentEngine(memory, typeof window === 'undefined' ? noEvents : windowPersistentEvents);
}

// @nanostores/persistent only checks that `localStorage` can be read; where writing throws (Safari's
// private mode, a full quota) its store.set would throw before the store changes. Probe writing first.
if (typeof localStorage !== 'undefined') {
  try {
    localStorage.setItem('dbweek:probe', '1');
    localStorage.removeItem('dbweek:probe');
  } catch {
    useMemoryStorage();
  }
}

/** A write that fails later (quota filled meanwhile) moves every store to memory and retries. */
function guarded<T>(store: WritableAtom<T>): WritableAtom<T> {
  const persist = store.set;
  store.set = (value) => {
    try {
      persist(value);
    } catch {
      useMemoryStorage();
      persist(value);
    }
  };
  return store;
}

/** persistentAtom never guards decode: anything unparsable or invalid falls back to the initial value. */
export function parsedAtom<T>(key: string, initial: T, schema: ZodMiniType<T>): WritableAtom<T> {
  return guarded(
    persistentAtom<T>(key, initial, {
      encode: JSON.stringify,
      decode(text) {
        try {
          return parsed(schema, JSON.parse(text)) ?? initial;
        } catch {
          return initial;
        }
      },
    }),
  );
}

export const $game = parsedAtom<GameState>('dbweek:game', initialState(), game);
export const $boxes = parsedAtom<LeitnerBoxes>('dbweek:boxes', emptyBoxes(), leitnerBoxes);
export const $best = parsedAtom<BestScores>('dbweek:best', { version: STORAGE_VERSION, packs: {} }, bestScores);
export const $ghost = parsedAtom<Ghost | null>('dbweek:ghost', null, nullable(ghost));
export const $sound = guarded(persistentBoolean('dbweek:sound', false));

/** Run an action through the reducer; false when it was refused. */
export function dispatch(action: Action): boolean {
  const before = $game.get();
  const after = reduce(before, action);
  if (after === before) return false;
  $game.set(after);
  keepRecords(before, after, 'at' in action ? action.at : (after.startedAt ?? 0));
  return true;
}

/** After a reload: see resume() for how the timer comes back. */
export function resumeGame(now: number): void {
  const before = $game.get();
  const after = resume(before, now);
  if (after === before) return;
  $game.set(after);
  keepRecords(before, after, now);
}

/** Forget review progress for these questions, or for all. */
export function resetBoxes(questionIds?: readonly string[]): void {
  $boxes.set(reset($boxes.get(), questionIds));
}

/** Leitner boxes after a one-player question; best score and ghost after a scored game. */
function keepRecords(before: GameState, after: GameState, now: number): void {
  const solo = after.players.length === 1;
  if (solo && after.phase === 'reveal' && before.phase !== 'reveal') {
    const result = after.players[0]?.results[after.round];
    if (result) $boxes.set(recordAnswer($boxes.get(), result.questionId, result.correct, now));
  }
  if (after.phase === 'podium' && before.phase !== 'podium' && after.settings.mode !== 'practice') {
    const ghost = ghostOf(after);
    if (ghost) $ghost.set(ghost);
    const top = standings(after).find((s) => s.player !== null)?.player;
    const best = $best.get();
    const kept = Object.hasOwn(best.packs, after.pack) ? best.packs[after.pack] : undefined;
    if (top && (!kept || top.score > kept.score)) {
      const entry = { score: top.score, correct: top.correctCount, questions: after.rounds.length, at: after.startedAt ?? now };
      $best.set({ ...best, packs: { ...best.packs, [after.pack]: entry } });
    }
  }
}
