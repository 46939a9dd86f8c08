// A shareable result: pack, score, rank and date carried in the URL, with nothing stored on a server.
// A checksum over the fields makes an edited or truncated link show a clear message instead of a card.
// It is tamper-evident, not tamper-proof: anyone can compute it, but a hand-edited number is caught.

import { MAX_NICKNAME, parsed, sharedResult, type SharedResult } from './schema.ts';

export type { SharedResult };

const FIELDS = ['pack', 'score', 'rank', 'players', 'correct', 'questions', 'date'] as const;
const NUMBERS = ['score', 'rank', 'players', 'correct', 'questions'] as const;

function checksum(result: SharedResult): string {
  // The nickname joins the sum only when present, so links shared before it existed still read.
  const fields = FIELDS.map((f) => result[f]);
  if (result.nickname !== undefined) fields.push(result.nickname);
  const text = `dbweek-result-v1|${fields.join('|')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function shareQuery(result: SharedResult): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) params.set(field, String(result[field]));
  if (result.nickname !== undefined) params.set('nickname', result.nickname);
  params.set('check', checksum(result));
  return params.toString();
}

export type ReadResult = { ok: true; result: SharedResult } | { ok: false; reason: string };

const int = (v: string | null) => (v !== null && /^\d{1,7}$/.test(v) ? Number(v) : null);

export function readShared(query: string): ReadResult {
  const params = new URLSearchParams(query);
  if (FIELDS.some((f) => !params.has(f)) || !params.has('check')) return { ok: false, reason: 'This result link is incomplete.' };
  const numbers = NUMBERS.map((f) => int(params.get(f)));
  if (numbers.includes(null)) return { ok: false, reason: 'This result link has a number that is not a number.' };
  const nickname = params.get('nickname')?.slice(0, MAX_NICKNAME + 1);
  const result = parsed(sharedResult, {
    pack: params.get('pack'),
    date: params.get('date'),
    ...Object.fromEntries(NUMBERS.map((f, i) => [f, numbers[i]])),
    ...(nickname === undefined ? {} : { nickname }),
  });
  if (!result) return { ok: false, reason: 'This result link does not add up: a pack, a date or a number cannot be right.' };
  if (params.get('check') !== checksum(result)) return { ok: false, reason: 'This result link was changed after it was shared.' };
  return { ok: true, result };
}
