// A seeded random source and a shuffle, so that a game's deal can be replayed from its seed.

export type Random = () => number;

/** mulberry32: a small 32-bit PRNG giving numbers in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates: a shuffled copy of `items`. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = out[i] as T;
    out[i] = out[j] as T;
    out[j] = item;
  }
  return out;
}
