// The shape of a quiz question in content/quiz/*.yaml: one schema per Kahoot question type.
import { z } from 'astro/zod';

const timers = [5, 10, 20, 30, 60, 90, 120, 240] as const;

export function questionSchema<F extends z.ZodType, S extends z.ZodType>(factRef: F, sessionRef: S) {
  const common = {
    /** The question as shown to the player. */
    prompt: z.string().min(1),
    /** Why the answer is right, in the site's words, shown at the reveal. */
    explanation: z.string().min(1),
    /** The facts the question tests; the first one gives the source link. */
    facts: z.array(factRef).min(1),
    /** The session whose notes it comes from (the file name by default). */
    session: sessionRef,
    /** Kahoot's points setting. Default: standard (1000). */
    points: z.enum(['standard', 'double', 'none']).default('standard'),
    /** A timer of its own, overriding the game's. */
    /** Set by the loader: the question's position in its file. */
    position: z.number().int(),
    timer: z.union(timers.map((t) => z.literal(t)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]).optional(),
  };
  return z.discriminatedUnion('type', [
    z.object({
      ...common,
      type: z.literal('quiz'),
      options: z.array(z.string().min(1)).min(2).max(4),
      /** Indexes (from 0) of the right options; more than one makes it multi-select. */
      correct: z.array(z.number().int().min(0).max(3)).min(1),
    }),
    z.object({ ...common, type: z.literal('true-false'), answer: z.boolean() }),
    z.object({
      ...common,
      type: z.literal('type-answer'),
      /** Accepted spellings; matched ignoring case, spacing and punctuation. */
      accepted: z.array(z.string().min(1)).min(1),
    }),
    z.object({
      ...common,
      type: z.literal('puzzle'),
      /** The items in their right order; the game shuffles them. */
      items: z.array(z.string().min(1)).min(3).max(4),
    }),
    z.object({
      ...common,
      type: z.literal('slider'),
      min: z.number(),
      max: z.number(),
      step: z.number().positive().default(1),
      answer: z.number(),
      /** How far from the answer still counts as right. Default: 0. */
      tolerance: z.number().min(0).default(0),
      unit: z.string().default(''),
    }),
  ]);
}
