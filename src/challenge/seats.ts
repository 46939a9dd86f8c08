// The player's place in each challenge they joined, kept in localStorage (by PIN) so that a reload or a return
// goes on where the server has them. Parsed with a schema; unreadable or tampered storage counts as no seats.
import { persistentAtom } from '@nanostores/persistent';
import * as z from 'zod/mini';
import { MAX_NICKNAME } from '../quiz/nickname.ts';

const seat = z.object({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{32}$/)),
  nickname: z.string().check(z.minLength(1), z.maxLength(MAX_NICKNAME * 4)),
});
const seats = z.record(z.string().check(z.regex(/^\d{6}$/)), seat);
export type Seat = z.output<typeof seat>;

export const $seats = persistentAtom<Record<string, Seat>>(
  'dbweek:challenge-seats',
  {},
  {
    encode: JSON.stringify,
    decode(text) {
      try {
        const outcome = seats.safeParse(JSON.parse(text));
        return outcome.success ? outcome.data : {};
      } catch {
        return {};
      }
    },
  },
);

export function seatFor(pin: string): Seat | undefined {
  return $seats.get()[pin];
}

export function keepSeat(pin: string, value: Seat) {
  try {
    $seats.set({ ...$seats.get(), [pin]: value });
  } catch {
    // Storage that cannot be written (private mode, full): the seat lives as long as the page.
  }
}

export function dropSeat(pin: string) {
  const { [pin]: _gone, ...rest } = $seats.get();
  try {
    $seats.set(rest);
  } catch {
    // As above.
  }
}
