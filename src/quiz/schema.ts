// Every shape the quiz passes across a boundary, described once: questions (content files at build time,
// the bank in the page, rounds in a stored game), answers, the stored game and records, and a shared result.
// The content collection and the browser both parse with these schemas, and the TypeScript types come from
// them. zod/mini keeps what the browser loads small; its schemas are zod schemas, which Astro accepts too.
import * as z from 'zod/mini';
import { MAX_NICKNAME } from './nickname.ts';

export { MAX_NICKNAME };

/** Kahoot's timer values, in seconds. */
export const TIMERS = [5, 10, 20, 30, 60, 90, 120, 240] as const;
export const DEFAULT_TIMER = 20;
/** Kahoot's points setting: 1000, 2000 or 0 points for a right answer. */
export const POINTS = ['standard', 'double', 'none'] as const;
/** timed: Kahoot; untimed: no countdown; extended: double time; practice: no points. */
export const MODES = ['timed', 'untimed', 'extended', 'practice'] as const;
export const PHASES = ['lobby', 'preview', 'answering', 'handover', 'reveal', 'leaderboard', 'podium'] as const;
export const MAX_PLAYERS = 8;
/** The version every stored shape carries; data of another version is dropped. */
export const STORAGE_VERSION = 1;
/** How many answers a quiz question offers, and how many items a puzzle orders. */
export const OPTIONS = { min: 2, max: 4 } as const;
export const PUZZLE_ITEMS = { min: 3, max: 4 } as const;

const text = z.string().check(z.minLength(1));
const count = z.int().check(z.minimum(0));
const version = z.literal(STORAGE_VERSION);
export const timer = z.literal(TIMERS);
export const mode = z.enum(MODES);

// Checks across fields. They take `unknown` because they serve every variant of `common`.
const rightOptionsExist = (value: unknown) => {
  const q = value as { options: string[]; correct: number[] };
  return q.correct.every((i) => i < q.options.length) && new Set(q.correct).size === q.correct.length;
};
const answerInRange = (value: unknown) => {
  const q = value as { min: number; max: number; answer: number };
  return q.min < q.max && q.answer >= q.min && q.answer <= q.max;
};

/**
 * The five Kahoot question types. `common` adds the fields that differ by where a question lives: in a content
 * file it cites facts, in the bank it carries its id and source link. The rules below hold everywhere.
 */
function questionOf<C extends z.core.$ZodLooseShape>(common: C) {
  const base = {
    ...common,
    /** The question as shown to the player. */
    prompt: text,
    /** Why the answer is right, in the site's words, shown at the reveal. */
    explanation: text,
    /** Kahoot's points setting. Default: standard (1000). */
    points: z._default(z.enum(POINTS), 'standard'),
    /** A timer of its own, overriding the game's. */
    timer: z.optional(timer),
  };
  return z.discriminatedUnion('type', [
    z
      .object({
        ...base,
        type: z.literal('quiz'),
        options: z.array(text).check(z.minLength(OPTIONS.min), z.maxLength(OPTIONS.max)),
        /** Indexes (from 0) of the right options; more than one makes it multi-select. */
        correct: z.array(count).check(z.minLength(1)),
      })
      .check(
        z.refine(rightOptionsExist, {
          message: 'every index in "correct" must name a different option',
          path: ['correct'],
        }),
      ),
    z.object({ ...base, type: z.literal('true-false'), answer: z.boolean() }),
    z.object({
      ...base,
      type: z.literal('type-answer'),
      /** Accepted spellings; matched ignoring case, spacing and punctuation. */
      accepted: z.array(text).check(z.minLength(1)),
    }),
    z.object({
      ...base,
      type: z.literal('puzzle'),
      /** The items in their right order; the game shuffles them. */
      items: z.array(text).check(z.minLength(PUZZLE_ITEMS.min), z.maxLength(PUZZLE_ITEMS.max)),
    }),
    z
      .object({
        ...base,
        type: z.literal('slider'),
        min: z.number(),
        max: z.number(),
        step: z._default(z.number().check(z.positive()), 1),
        answer: z.number(),
        /** How far from the answer still counts as right. Default: 0. */
        tolerance: z._default(z.number().check(z.minimum(0)), 0),
        unit: z._default(z.string(), ''),
      })
      .check(
        z.refine(answerInRange, {
          message: '"answer" must lie between "min" and "max"',
          path: ['answer'],
        }),
      ),
  ]);
}

/** A question in content/quiz/<session>.yaml; `fact` and `session` are the collections' references. */
export function contentQuestion<F extends z.core.$ZodType, S extends z.core.$ZodType>(fact: F, session: S) {
  return questionOf({
    /** The facts the question tests; the first one gives the source link. */
    facts: z.array(fact).check(z.minLength(1)),
    /** The session whose notes it comes from (the file name by default). */
    session,
    /** Set by the loader: the question's position in its file. */
    position: z.int(),
  });
}

/** A question as the page's bank holds it, and as a stored game keeps it. */
export const question = questionOf({
  id: text,
  /** The session whose notes the question comes from. */
  session: text,
  /** Link to the exact section of the notes the question cites. */
  sourceHref: text,
  /** Where that link leads, in words: "Amazon Aurora › Storage and replication". */
  sourceLabel: z.optional(z.string()),
});

/** What a player gives, per question type. */
export const answer = z.discriminatedUnion('type', [
  /** Indexes of the options picked, as the round shows them. */
  z.object({ type: z.literal('quiz'), options: z.array(count) }),
  z.object({ type: z.literal('true-false'), value: z.boolean() }),
  z.object({ type: z.literal('type-answer'), text: z.string().check(z.maxLength(200)) }),
  /** Indexes of the question's items in the order the player put them. */
  z.object({ type: z.literal('puzzle'), order: z.array(count) }),
  z.object({ type: z.literal('slider'), value: z.number() }),
]);

export const settings = z.object({
  /** Seconds per question unless the question has its own timer. */
  timer,
  mode,
});

export const nickname = z.string().check(z.minLength(1), z.maxLength(MAX_NICKNAME));

const result = z.object({
  questionId: text,
  /** null when the time ran out. */
  answer: z.nullable(answer),
  correct: z.boolean(),
  /** Points for the answer itself (speed included). */
  points: count,
  /** Answer streak bonus, on top of the points. */
  bonus: count,
  /** Milliseconds from the answers appearing to the answer; null when the time ran out. */
  time: z.nullable(count),
});

const player = z.object({
  nickname,
  score: count,
  streak: count,
  bestStreak: count,
  correctCount: count,
  /** One per question played, in the game's order. */
  results: z.array(result),
});

const isPermutation = (v: readonly number[], length: number) =>
  v.length === length && new Set(v).size === length && v.every((i) => i < length);

/** A question as dealt for this game: quiz options already shuffled. */
const round = z
  .object({
    question,
    /** Puzzle only: the items as first shown (indexes into question.items); empty for other types. */
    start: z.array(count),
  })
  .check(
    z.refine((r) => (r.question.type === 'puzzle' ? isPermutation(r.start, r.question.items.length) : r.start.length === 0), {
      message: 'a puzzle starts from a permutation of its items; other questions from nothing',
      path: ['start'],
    }),
  );

/** The earlier run a game is played against: points (bonus included) per round, aligned with the rounds. */
const ghostRun = z.object({ nickname, points: z.array(z.number()) });

/** The game in progress, as kept in storage between reloads. */
export const game = z
  .object({
    version,
    phase: z.enum(PHASES),
    settings,
    players: z.array(player).check(z.maxLength(MAX_PLAYERS)),
    /** What the questions were drawn from: 'all', a session id, a category id, 'review'… */
    pack: z.string(),
    seed: z.number(),
    startedAt: z.nullable(z.number()),
    rounds: z.array(round),
    /** Index of the current round. */
    round: count,
    /** How many players have already taken their turn at this round. */
    turn: count,
    /** When the answers appeared for the current turn (ms); set only while answering. */
    openedAt: z.nullable(z.number()),
    /** The page was reloaded during this turn: the answer scores no speed part. */
    resumed: z.boolean(),
    ghost: z.nullable(ghostRun),
  })
  .check(
    z.refine(
      (s) =>
        (s.phase === 'answering') === (s.openedAt !== null) &&
        s.players.every((p) => p.results.length <= s.rounds.length) &&
        (s.ghost === null || s.ghost.points.length === s.rounds.length) &&
        (s.phase === 'lobby' || (s.players.length > 0 && s.round < s.rounds.length && s.turn < s.players.length)),
      { message: 'the game is not in a state the reducer can reach' },
    ),
  );

/** A finished run, kept to be played against. */
export const ghost = z
  .object({
    version,
    pack: z.string(),
    nickname,
    questionIds: z.array(text).check(z.minLength(1)),
    /** Points (bonus included) per question, in order. */
    points: z.array(z.number()),
    at: z.number(),
  })
  .check(z.refine((g) => g.points.length === g.questionIds.length, { message: 'one score per question', path: ['points'] }));

const bestScore = z.object({ score: count, correct: count, questions: count, at: z.number() });

/** The best score per pack. */
export const bestScores = z.object({ version, packs: z.record(z.string(), bestScore) });

export const BOXES = [1, 2, 3, 4, 5] as const;

/** Leitner boxes by question id; `due` is when the question next comes back (ms). */
export const leitnerBoxes = z.object({
  version,
  cards: z.record(z.string(), z.object({ box: z.literal(BOXES), due: z.number() })),
});

/** A result shared as a link: pack, score, rank and date, with nothing stored on a server. */
export const sharedResult = z
  .object({
    /** The pack's id, e.g. "all", "amazon-aurora" or "category:ledger". */
    pack: z.string().check(z.regex(/^[a-z0-9:-]{1,80}$/)),
    /** Who played, as they typed it. */
    nickname: z.optional(nickname),
    score: count,
    /** 1 for the winner. */
    rank: z.int().check(z.minimum(1)),
    players: z.int().check(z.minimum(1), z.maximum(MAX_PLAYERS)),
    correct: count,
    questions: z.int().check(z.minimum(1)),
    /** YYYY-MM-DD. */
    date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  })
  .check(z.refine((r) => r.rank <= r.players && r.correct <= r.questions && !Number.isNaN(Date.parse(r.date))));

/** Data read back from storage or a URL: the value when it fits the schema, otherwise null. */
export function parsed<T>(schema: z.ZodMiniType<T>, data: unknown): T | null {
  const outcome = schema.safeParse(data);
  return outcome.success ? outcome.data : null;
}

export type Question = z.output<typeof question>;
export type QuestionType = Question['type'];
export type PointsSetting = (typeof POINTS)[number];
export type TimerSeconds = (typeof TIMERS)[number];
export type Mode = (typeof MODES)[number];
export type Phase = (typeof PHASES)[number];
export type Answer = z.output<typeof answer>;
export type Settings = z.output<typeof settings>;
export type Result = z.output<typeof result>;
export type Player = z.output<typeof player>;
export type Round = z.output<typeof round>;
export type GhostRun = z.output<typeof ghostRun>;
export type GameState = z.output<typeof game>;
export type Ghost = z.output<typeof ghost>;
export type BestScore = z.output<typeof bestScore>;
export type BestScores = z.output<typeof bestScores>;
export type Box = (typeof BOXES)[number];
export type LeitnerBoxes = z.output<typeof leitnerBoxes>;
export type LeitnerCard = LeitnerBoxes['cards'][string];
export type SharedResult = z.output<typeof sharedResult>;
