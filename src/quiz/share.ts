// A shareable result: pack, score, rank and date carried in the URL, with nothing stored on a server.
// A checksum over the fields makes an edited or truncated link show a clear message instead of a card.
// It is tamper-evident, not tamper-proof: anyone can compute it, but a hand-edited number is caught.

export interface SharedResult {
  /** The pack's id, e.g. "all", "amazon-aurora" or "category:ledger". */
  pack: string;
  score: number;
  /** 1 for the winner. */
  rank: number;
  players: number;
  correct: number;
  questions: number;
  /** YYYY-MM-DD. */
  date: string;
}

const FIELDS = ['pack', 'score', 'rank', 'players', 'correct', 'questions', 'date'] as const;

function checksum(result: SharedResult): string {
  const text = `dbweek-result-v1|${FIELDS.map((f) => result[f]).join('|')}`;
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
  params.set('check', checksum(result));
  return params.toString();
}

export type ReadResult = { ok: true; result: SharedResult } | { ok: false; reason: string };

const int = (v: string | null) => (v !== null && /^\d{1,7}$/.test(v) ? Number(v) : null);

export function readShared(query: string): ReadResult {
  const params = new URLSearchParams(query);
  if (FIELDS.some((f) => !params.has(f)) || !params.has('check')) return { ok: false, reason: 'This result link is incomplete.' };
  const score = int(params.get('score'));
  const rank = int(params.get('rank'));
  const players = int(params.get('players'));
  const correct = int(params.get('correct'));
  const questions = int(params.get('questions'));
  const pack = params.get('pack')!;
  const date = params.get('date')!;
  if (score === null || rank === null || players === null || correct === null || questions === null) {
    return { ok: false, reason: 'This result link has a number that is not a number.' };
  }
  if (!/^[a-z0-9:-]{1,80}$/.test(pack) || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    return { ok: false, reason: 'This result link names a pack or a date that cannot be right.' };
  }
  if (rank < 1 || rank > players || players > 8 || correct > questions || questions < 1) {
    return { ok: false, reason: 'This result link does not add up.' };
  }
  const result: SharedResult = { pack, score, rank, players, correct, questions, date };
  if (params.get('check') !== checksum(result)) return { ok: false, reason: 'This result link was changed after it was shared.' };
  return { ok: true, result };
}
