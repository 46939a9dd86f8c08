// The content model: sessions (MDX) and the data every page gathers from them.
// reference() makes the build check each link between entries and name the file that breaks one.
import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { yamlListLoader } from './lib/yaml-list-loader';
import { contentQuestion } from './quiz/schema';

// Tests point this at small fixture folders of bad content; the site itself reads ./content.
const root = process.env.CONTENT_DIR ?? './content';

/** Who is speaking in a statement of the notes. */
export const voices = ['speaker', 'note-taker', 'audience', 'uncertain'] as const;

/** Topics that group a service's facts on its page. */
export const topics = [
  'overview',
  'compatibility',
  'performance',
  'scale',
  'availability',
  'security',
  'cost',
  'operations',
  'features',
  'migration',
  'use-cases',
  'limits',
  'advice',
] as const;

const sessions = defineCollection({
  loader: glob({ pattern: '*.mdx', base: `${root}/sessions` }),
  schema: z.object({
    /** The session's title as the notes give it, without the format prefix. */
    title: z.string().min(1),
    /** The part after a colon in a two-part title, shown after the title. */
    subtitle: z.string().optional(),
    /** Position in the notes, 1 to 12. */
    order: z.number().int().min(1).max(12),
    format: z.enum(['talk', 'workshop', 'lunch-workshop']),
    /** How complete the notes are: full, partial, none (no notes taken) or missed. */
    notes: z.enum(['full', 'partial', 'none', 'missed']),
    /** One line, in the site's words. */
    summary: z.string().min(1),
    /** Services the session covers. Default: none. */
    services: z.array(reference('services')).default([]),
    /** Categories the session covers. Default: none. */
    categories: z.array(reference('categories')).default([]),
  }),
});

const categories = defineCollection({
  loader: file(`${root}/categories.yaml`),
  schema: z.object({
    name: z.string(),
    /** Order on the comparison and services pages. */
    order: z.number().int(),
    /** `database` for the eight categories of the first talk; `beyond` for analytics and migration. */
    group: z.enum(['database', 'beyond']),
    /** What the notes say the category is, in the site's words. */
    description: z.string(),
    /** When the notes say to reach for it. */
    whenToUse: z.array(z.string()).default([]),
  }),
});

const services = defineCollection({
  loader: glob({ pattern: '*.yaml', base: `${root}/services` }),
  schema: z.object({
    name: z.string(),
    /** Short name used in tables and tags, e.g. "DMS". Default: the name. */
    short: z.string().optional(),
    category: reference('categories'),
    /** What it is, as the notes describe it, in the site's words. */
    description: z.string(),
    /** Engines, protocols or query languages it is compatible with. */
    compatibleWith: z.array(z.string()).default([]),
    /** The service this one is part of (Aurora Serverless is part of Aurora). */
    partOf: reference('services').optional(),
    /** Other names people search for it by ("Mongo", "ES"). Search treats them as the service's name. Default: none. */
    aliases: z.array(z.string()).default([]),
  }),
});

const glossary = defineCollection({
  loader: file(`${root}/glossary.yaml`),
  schema: z.object({
    term: z.string(),
    /** Other spellings that mean the same term. */
    aliases: z.array(z.string()).default([]),
    /** A brief, general definition in the site's words. */
    definition: z.string(),
    services: z.array(reference('services')).default([]),
  }),
});

const figure = z.object({
  /** The number itself, used to sort the figures table. */
  value: z.number(),
  /** The unit: "TB", "read replicas", "USD per hour"… */
  unit: z.string(),
  /** The figure as written on pages, e.g. "$2.32/hr" or "10–20 s". */
  display: z.string(),
  /** What the number measures, in a few words. */
  measures: z.string(),
});

const facts = defineCollection({
  // One YAML file per session, holding a list of facts; the file name is the session id.
  loader: yamlListLoader({ base: `${root}/facts`, fileField: 'session' }),
  schema: z.object({
    /** The fact restated in the site's words. */
    statement: z.string().min(1),
    voice: z.enum(voices),
    session: reference('sessions'),
    /** The id of the heading in the session page where the fact stands. */
    section: z.string().regex(/^[a-z0-9-]+$/, 'a heading id such as "storage-and-replication"'),
    topic: z.enum(topics),
    services: z.array(reference('services')).default([]),
    terms: z.array(reference('glossary')).default([]),
    figure: figure.optional(),
    /** Set by the loader: the fact's position in the notes' order. */
    position: z.number().int(),
  }),
});

/** Hosts whose pages may back a since-then note: AWS's own sites. */
const awsHosts = /(^|\.)(aws\.amazon\.com|amazonaws\.cn|repost\.aws)$/;

const since = defineCollection({
  // One YAML file per change; the file name is the note's id. A missing folder is no error.
  loader: glob({ pattern: '*.yaml', base: `${root}/since` }),
  schema: z.object({
    /** What changed, in a few words ("Elasticsearch Service renamed"). */
    title: z.string().min(1),
    /** When the change took effect or was announced, as the source gives it (YYYY-MM-DD). */
    date: z.coerce.date({ error: 'a date (YYYY-MM-DD) on which the change took effect, as the source gives it' }),
    /** What changed, in the site's words. Never a claim of the talk. */
    change: z.string().min(1),
    /** The AWS page that says so: https, on an AWS domain. */
    source: z
      .url({ error: 'an https link to the AWS page that states the change' })
      .refine((url) => url.startsWith('https://') && awsHosts.test(new URL(url).hostname), {
        error: 'an https link on an AWS domain (aws.amazon.com, docs.aws.amazon.com, …)',
      }),
    /** The facts the change bears on: the note is shown beside each. Default: none. */
    facts: z.array(reference('facts')).default([]),
    /** Services the change concerns: their pages show the note. Default: none. */
    services: z.array(reference('services')).default([]),
    /** The service's name today, when the change is a rename. */
    rename: z.object({ service: reference('services'), now: z.string().min(1) }).optional(),
  }),
});

const questions = defineCollection({
  loader: yamlListLoader({ base: `${root}/quiz`, fileField: 'session' }),
  schema: contentQuestion(reference('facts'), reference('sessions')),
});

export const collections = { sessions, categories, services, glossary, facts, questions, since };
