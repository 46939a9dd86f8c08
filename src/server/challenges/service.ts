// Challenges, the rules: assigning one, joining it, dealing each question when a player asks for it (the server
// stamps the time), scoring each answer with the quiz's own scoring, and the lead's report. The browser sends
// only what the player chose; every number that counts is the server's. Refusals are ChallengeErrors, and a
// refused request has written nothing.
import { randomInt, randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import {
  DEFAULT_RETENTION_DAYS,
  GRACE_MS,
  MAX_DEADLINE_MS,
  MAX_QUESTIONS,
  MIN_DEADLINE_MS,
  PREVIEW_MS,
  type AnswerRequest,
  type ChallengeInfo,
  type ChallengeState,
  type CreateChallenge,
  type Created,
  type Joined,
  type JoinChallenge,
  type PlayerRequest,
  type Report,
  type ReportQuestion,
  type Screen,
  type Standing,
} from '../../challenge/contract.ts';
import { askOf } from '../../challenge/ask.ts';
import { answerText } from '../../challenge/answers.ts';
import { nicknameKey, NICKNAME_PROBLEMS, tidyNickname } from '../../quiz/nickname.ts';
import { kindLabel, rightAnswerText } from '../../quiz/labels.ts';
import { mulberry32, shuffle } from '../../quiz/random.ts';
import { answerFits, answerPoints, isCorrect, streakBonus, timeLimit } from '../../quiz/scoring.ts';
import type { Answer, Question } from '../../quiz/types.ts';
import { hashToken, newToken, sameToken } from '../tokens.ts';
import type { LoadedBank } from './bank.ts';
import type { ChallengeRow, ChallengeStore, DealRow, PlayerRow } from './store.ts';

export class ChallengeError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

const DAY = 24 * 3600_000;
const STANDINGS_SHOWN = 10;

export interface ChallengeOptions {
  store: ChallengeStore;
  bank: LoadedBank;
  /** The server's clock; tests move it. */
  now?: () => number;
  /** Days a challenge is kept after its deadline. */
  retentionDays?: number;
}

const hex = (token: string) => hashToken(token).toString('hex');

export class Challenges {
  readonly store: ChallengeStore;
  readonly #bank: LoadedBank;
  readonly #now: () => number;
  readonly retentionDays: number;

  constructor({ store, bank, now = Date.now, retentionDays = DEFAULT_RETENTION_DAYS }: ChallengeOptions) {
    this.store = store;
    this.#bank = bank;
    this.#now = now;
    this.retentionDays = retentionDays;
  }

  async create(body: CreateChallenge): Promise<Created> {
    const now = this.#now();
    const pack = this.#bank.packs.get(body.pack);
    if (!pack) throw new ChallengeError(400, 'bad-request', `pack: there is no pack "${body.pack}"`, 'pack');
    if (body.deadline < now + MIN_DEADLINE_MS || body.deadline > now + MAX_DEADLINE_MS) {
      throw new ChallengeError(400, 'bad-request', 'deadline: pick a time at least a minute ahead and within a year', 'deadline');
    }
    const available = pack.questionIds.filter((id) => this.#bank.questions.has(id));
    const count = Math.min(body.count === 'all' ? available.length : body.count, available.length, MAX_QUESTIONS);
    const questionIds = shuffle(available, mulberry32(randomInt(2 ** 31))).slice(0, count);
    const reportToken = newToken();
    for (let attempt = 0; attempt < 20; attempt++) {
      const pin = String(randomInt(100_000, 1_000_000));
      const created = await this.store.createChallenge({
        id: randomUUID(),
        pin,
        reportHash: hex(reportToken),
        pack: body.pack,
        packLabel: pack.label,
        questionIds,
        timer: body.timer,
        createdAt: now,
        deadline: body.deadline,
        closedAt: null,
      });
      if (created) return { pin, reportToken, questions: count, deadline: body.deadline };
    }
    throw new ChallengeError(503, 'busy', 'No free PIN was found: try again.');
  }

  async info(pin: string): Promise<ChallengeInfo> {
    return this.#info(await this.#challenge(pin));
  }

  async join(pin: string, body: JoinChallenge): Promise<Joined> {
    const challenge = await this.#challenge(pin);
    this.#mustBeOpen(challenge);
    const tidy = tidyNickname(body.nickname);
    if (!tidy.ok) throw new ChallengeError(400, 'bad-nickname', `nickname: ${NICKNAME_PROBLEMS[tidy.problem]}`, 'nickname');
    const token = newToken();
    const added = await this.store.addPlayer({
      id: randomUUID(),
      challengeId: challenge.id,
      nickname: tidy.nickname,
      nicknameKey: nicknameKey(tidy.nickname),
      tokenHash: hex(token),
      joinedAt: this.#now(),
    });
    if (!added) {
      throw new ChallengeError(
        409,
        'nickname-taken',
        `nickname: “${tidy.nickname}” is taken in this challenge: pick another.`,
        'nickname',
      );
    }
    return { token, nickname: tidy.nickname };
  }

  /** Where the server has this player: the open question, the next one to deal, or the end. */
  async play(pin: string, body: PlayerRequest): Promise<Screen> {
    const { challenge, player } = await this.#player(pin, body.token);
    const deals = await this.store.dealsOf(player.id);
    const open = deals.find((d) => d.resolvedAt === null);
    const now = this.#now();
    if (open && now > this.#endsAt(challenge, open) + GRACE_MS) {
      // The time ran out while the player was away (or their timer ran out): a time-up, stored once.
      await this.store.resolveDeal(open.id, { resolvedAt: now, answer: null, correct: false, points: 0, bonus: 0, timeMs: null });
      return this.#result(challenge, await this.store.dealsOf(player.id), open.id);
    }
    const state = this.#state(challenge);
    if (state !== 'open') return this.#over(challenge, player, state);
    if (open) return this.#question(challenge, open);
    if (deals.length >= challenge.questionIds.length) return this.#finished(challenge, player);
    return { type: 'ready', round: deals.length, total: challenge.questionIds.length, score: scoreOf(deals) };
  }

  /** Deals the next question, stamped now; asking again while it is open gets the same deal back. */
  async next(pin: string, body: PlayerRequest): Promise<Screen> {
    const { challenge, player } = await this.#player(pin, body.token);
    this.#mustBeOpen(challenge);
    const deals = await this.store.dealsOf(player.id);
    const open = deals.find((d) => d.resolvedAt === null);
    if (open) return this.play(pin, body);
    if (deals.length >= challenge.questionIds.length) return this.#finished(challenge, player);
    const round = deals.length;
    const deal: DealRow = {
      id: randomUUID(),
      challengeId: challenge.id,
      playerId: player.id,
      round,
      questionId: challenge.questionIds[round]!,
      dealtAt: this.#now(),
      resolvedAt: null,
      answer: null,
      correct: null,
      points: null,
      bonus: null,
      timeMs: null,
    };
    // Two tabs asking at once: one deal wins, the other tab gets it.
    if (!(await this.store.addDeal(deal))) return this.play(pin, body);
    return this.#question(challenge, deal);
  }

  async answer(pin: string, body: AnswerRequest): Promise<Screen> {
    const { challenge, player } = await this.#player(pin, body.token);
    const deals = await this.store.dealsOf(player.id);
    const deal = deals.find((d) => d.id === body.deal);
    if (!deal) throw new ChallengeError(404, 'no-deal', 'deal: that question was not dealt to you.', 'deal');
    const given = JSON.stringify(body.answer);
    if (deal.resolvedAt !== null) return this.#again(challenge, deals, deal, given);
    this.#mustBeOpen(challenge);
    const q = this.#bankQuestion(deal.questionId);
    if (!answerFits(q, body.answer))
      throw new ChallengeError(400, 'bad-request', 'answer: it does not fit this question', 'answer');
    const now = this.#now();
    const opensAt = deal.dealtAt + PREVIEW_MS;
    const limit = this.#limit(challenge, q);
    // A little slack for the player's clock and the network; an answer well before the answers opened is forged.
    if (now < opensAt - 500)
      throw new ChallengeError(409, 'not-open', 'answer: the answers to this question are not open yet.', 'answer');
    const late = now > opensAt + limit + GRACE_MS;
    const time = Math.min(Math.max(now - opensAt, 0), limit);
    const correct = !late && isCorrect(q, body.answer);
    const before = deals.filter((d) => d.round < deal.round);
    const streak = correct ? streakOf(before) + 1 : 0;
    const resolution = {
      resolvedAt: now,
      answer: late ? null : given,
      correct,
      points: late ? 0 : answerPoints(q.points, correct, time, limit),
      bonus: correct ? streakBonus(streak) : 0,
      timeMs: late ? null : time,
    };
    if (!(await this.store.resolveDeal(deal.id, resolution))) {
      // Another request (a retry racing the first) resolved it between the read and the write.
      const now = await this.store.dealsOf(player.id);
      return this.#again(
        challenge,
        now,
        now.find((d) => d.id === deal.id)!,
        given,
      );
    }
    const after = deals.map((d) => (d.id === deal.id ? { ...d, ...resolution } : d));
    return { ...this.#result(challenge, after, deal.id), ...(late && { late: true }) };
  }

  /** The same answer sent again (a retry after a dropped connection) gets the stored result; a different one is refused. */
  #again(challenge: ChallengeRow, deals: DealRow[], deal: DealRow, given: string): Screen {
    if (deal.answer === given) return this.#result(challenge, deals, deal.id);
    throw new ChallengeError(
      409,
      'already-answered',
      'answer: this question has already been answered; the first answer counts.',
      'answer',
    );
  }

  async report(pin: string, token: string): Promise<Report> {
    const challenge = await this.#lead(pin, token);
    const [players, deals] = await Promise.all([this.store.players(challenge.id), this.store.deals(challenge.id)]);
    const total = challenge.questionIds.length;
    const byPlayer = groupBy(deals, (d) => d.playerId);
    const nicknames = new Map(players.map((p) => [p.id, p.nickname]));
    const resolved = deals.filter((d) => d.resolvedAt !== null);
    const questions: ReportQuestion[] = challenge.questionIds.map((id, round) => {
      const q = this.#bankQuestion(id);
      const here = resolved.filter((d) => d.round === round);
      const right = here.filter((d) => d.correct).length;
      const wrongs = new Map<string, number>();
      for (const d of here) {
        if (d.correct || d.answer === null) continue;
        const text = answerText(q, JSON.parse(d.answer) as Answer);
        wrongs.set(text, (wrongs.get(text) ?? 0) + 1);
      }
      const [common] = [...wrongs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return {
        round,
        id,
        prompt: q.prompt,
        rightAnswer: rightAnswerText(q),
        sourceHref: q.sourceHref,
        sourceLabel: q.sourceLabel ?? 'the notes',
        answered: here.length,
        right,
        rightShare: here.length === 0 ? 0 : right / here.length,
        commonWrong: common ? { answer: common[0], count: common[1] } : null,
      };
    });
    return {
      challenge: {
        ...this.#info(challenge),
        pack: challenge.pack,
        createdAt: challenge.createdAt,
        closedAt: challenge.closedAt,
        expiresAt: challenge.deadline + this.retentionDays * DAY,
      },
      players: players.map((p) => {
        const mine = (byPlayer.get(p.id) ?? []).filter((d) => d.resolvedAt !== null);
        return {
          nickname: p.nickname,
          joinedAt: p.joinedAt,
          lastAt: mine.length ? Math.max(...mine.map((d) => d.resolvedAt!)) : null,
          score: scoreOf(mine),
          correct: mine.filter((d) => d.correct).length,
          answered: mine.length,
          finished: mine.length >= total,
        };
      }),
      questions,
      answers: resolved
        .map((d) => ({
          nickname: nicknames.get(d.playerId) ?? '',
          round: d.round,
          questionId: d.questionId,
          answer: d.answer === null ? '' : answerText(this.#bankQuestion(d.questionId), JSON.parse(d.answer) as Answer),
          correct: Boolean(d.correct),
          points: d.points ?? 0,
          bonus: d.bonus ?? 0,
          timeMs: d.timeMs,
          at: d.resolvedAt!,
        }))
        .sort((a, b) => a.nickname.localeCompare(b.nickname) || a.round - b.round),
    };
  }

  /** One row per stored answer (time-ups included), with the player's totals on each row. */
  async csv(pin: string, token: string): Promise<string> {
    const report = await this.report(pin, token);
    const players = new Map(report.players.map((p) => [p.nickname, p]));
    const prompts = report.questions.map((q) => q.prompt);
    return stringify(
      report.answers.map((a) => [
        a.nickname,
        players.get(a.nickname)!.score,
        players.get(a.nickname)!.correct,
        a.round + 1,
        a.questionId,
        prompts[a.round],
        a.answer,
        a.correct ? 'yes' : 'no',
        a.points,
        a.bonus,
        a.timeMs ?? '',
        new Date(a.at).toISOString(),
      ]),
      {
        header: true,
        columns: [
          'nickname',
          'player_score',
          'player_correct',
          'question',
          'question_id',
          'prompt',
          'answer',
          'correct',
          'points',
          'bonus',
          'time_ms',
          'answered_at',
        ],
      },
    );
  }

  async close(pin: string, token: string): Promise<Report> {
    const challenge = await this.#lead(pin, token);
    await this.store.close(challenge.id, this.#now());
    return this.report(pin, token);
  }

  async remove(pin: string, token: string): Promise<void> {
    const challenge = await this.#lead(pin, token);
    await this.store.delete(challenge.id);
  }

  /** Deletes what has passed its retention; the PINs deleted. */
  expire(): Promise<string[]> {
    return this.store.expire(this.#now() - this.retentionDays * DAY);
  }

  async #challenge(pin: string): Promise<ChallengeRow> {
    const challenge = await this.store.challengeByPin(pin);
    if (!challenge) throw new ChallengeError(404, 'no-challenge', `No challenge has the PIN ${pin}: check the link.`);
    return challenge;
  }

  async #player(pin: string, token: string): Promise<{ challenge: ChallengeRow; player: PlayerRow }> {
    const seat = await this.store.seat(pin, hex(token));
    if (seat) return seat;
    // Only on the way to a refusal: which one.
    await this.#challenge(pin);
    throw new ChallengeError(
      403,
      'bad-token',
      'token: this browser has no place in this challenge; join with a nickname.',
      'token',
    );
  }

  async #lead(pin: string, token: string): Promise<ChallengeRow> {
    const challenge = await this.#challenge(pin);
    if (!sameToken(token, Buffer.from(challenge.reportHash, 'hex'))) {
      throw new ChallengeError(403, 'bad-token', 'This report link is not the one given when the challenge was assigned.');
    }
    return challenge;
  }

  #state(c: ChallengeRow): ChallengeState {
    return c.closedAt !== null ? 'closed' : this.#now() > c.deadline ? 'expired' : 'open';
  }

  #mustBeOpen(c: ChallengeRow) {
    const state = this.#state(c);
    if (state === 'closed')
      throw new ChallengeError(410, 'closed', 'The lead has closed this challenge: it takes no more answers.');
    if (state === 'expired') {
      throw new ChallengeError(
        410,
        'expired',
        `The deadline (${new Date(c.deadline).toISOString()}) has passed: this challenge takes no more answers.`,
      );
    }
  }

  #info(c: ChallengeRow): ChallengeInfo {
    return {
      pin: c.pin,
      packLabel: c.packLabel,
      questions: c.questionIds.length,
      timer: c.timer,
      deadline: c.deadline,
      state: this.#state(c),
    };
  }

  #bankQuestion(id: string): Question {
    const q = this.#bank.questions.get(id);
    // A bank rebuilt without a question a challenge still uses: say which, rather than fail obscurely.
    if (!q) throw new ChallengeError(500, 'no-question', `The question "${id}" is no longer in the bank this server reads.`);
    return q;
  }

  #limit(c: ChallengeRow, q: Question): number {
    return timeLimit(q, { timer: c.timer as never, mode: 'timed' })!;
  }

  #endsAt(c: ChallengeRow, deal: DealRow): number {
    return deal.dealtAt + PREVIEW_MS + this.#limit(c, this.#bankQuestion(deal.questionId));
  }

  #question(c: ChallengeRow, deal: DealRow): Screen {
    const q = this.#bankQuestion(deal.questionId);
    const now = this.#now();
    const opensAt = deal.dealtAt + PREVIEW_MS;
    return {
      type: 'question',
      deal: deal.id,
      round: deal.round,
      total: c.questionIds.length,
      prompt: q.prompt,
      kind: kindLabel(q),
      points: q.points,
      ask: askOf(q, deal.id),
      limitMs: this.#limit(c, q),
      opensInMs: Math.max(0, opensAt - now),
      endsInMs: opensAt + this.#limit(c, q) - now,
    };
  }

  #result(c: ChallengeRow, deals: DealRow[], dealId: string): Screen {
    const deal = deals.find((d) => d.id === dealId)!;
    const upTo = deals.filter((d) => d.round <= deal.round && d.resolvedAt !== null);
    return {
      type: 'result',
      round: deal.round,
      total: c.questionIds.length,
      question: this.#bankQuestion(deal.questionId),
      answer: deal.answer === null ? null : (JSON.parse(deal.answer) as Answer),
      correct: Boolean(deal.correct),
      points: deal.points ?? 0,
      bonus: deal.bonus ?? 0,
      score: scoreOf(upTo),
      streak: streakOf(upTo),
    };
  }

  async #standings(c: ChallengeRow, player: PlayerRow) {
    const [players, deals] = await Promise.all([this.store.players(c.id), this.store.deals(c.id)]);
    const byPlayer = groupBy(
      deals.filter((d) => d.resolvedAt !== null),
      (d) => d.playerId,
    );
    const all: Standing[] = players
      .map((p) => {
        const mine = byPlayer.get(p.id) ?? [];
        return {
          rank: 0,
          nickname: p.nickname,
          score: scoreOf(mine),
          correct: mine.filter((d) => d.correct).length,
          answered: mine.length,
          you: p.id === player.id,
        };
      })
      .sort((a, b) => b.score - a.score);
    // Equal scores share a rank, as on a podium.
    all.forEach((s, i) => (s.rank = i > 0 && all[i - 1]!.score === s.score ? all[i - 1]!.rank : i + 1));
    const me = all.find((s) => s.you)!;
    const shown = all.slice(0, STANDINGS_SHOWN);
    return { standings: shown.includes(me) ? shown : [...shown, me], me };
  }

  async #finished(c: ChallengeRow, player: PlayerRow): Promise<Screen> {
    const { standings, me } = await this.#standings(c, player);
    return { type: 'finished', score: me.score, correct: me.correct, total: c.questionIds.length, standings };
  }

  async #over(c: ChallengeRow, player: PlayerRow, reason: 'closed' | 'expired'): Promise<Screen> {
    const { standings, me } = await this.#standings(c, player);
    return { type: 'over', reason, score: me.score, correct: me.correct, total: c.questionIds.length, standings };
  }
}

const scoreOf = (deals: DealRow[]) => deals.reduce((sum, d) => sum + (d.points ?? 0) + (d.bonus ?? 0), 0);

/** Right answers in a row at the end of these deals (in round order). */
function streakOf(deals: DealRow[]): number {
  let streak = 0;
  for (const d of [...deals].sort((a, b) => a.round - b.round)) streak = d.correct ? streak + 1 : 0;
  return streak;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
