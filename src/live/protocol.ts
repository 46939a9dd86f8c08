// The contract between the host's browser, the server and the players' phones, described once. The server
// validates every event it receives with these schemas, and each browser validates what it receives, so a
// malformed message is refused at the first hop. Nothing here carries a right answer before the reveal:
// `Ask` is what a phone may see while a question is open, and results travel only after the host settles.
import * as z from 'zod/mini';
import { answer, MAX_NICKNAME, OPTIONS, PUZZLE_ITEMS } from '../quiz/schema.ts';

/** Where Socket.IO listens on the site's server: the server, both browsers' clients and the service worker's bypass. */
export const LIVE_PATH = '/live/';
/** A game PIN: six digits, as Kahoot's. */
export const PIN = /^\d{6}$/;
/** Players in one room: as Kahoot's largest plans (an all-hands), measured by `npm run bench:live`. */
export const ROOM_CAPACITY = 2_000;
/** The largest event payload the server accepts, in UTF-8 bytes of its JSON: room for a question and its four answers. */
export const MAX_PAYLOAD = 8_192;

const pin = z.string().check(z.regex(PIN));
const token = z.string().check(z.minLength(16), z.maxLength(64));
const id = z.string().check(z.minLength(1), z.maxLength(64));
const text = z.string().check(z.maxLength(400));
const count = z.int().check(z.minimum(0));

/** What a phone shows while a question is open: the controls, never what makes an answer right. */
export const ask = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('quiz'),
    options: z.array(text).check(z.minLength(OPTIONS.min), z.maxLength(OPTIONS.max)),
    multiple: z.boolean(),
  }),
  z.object({ type: z.literal('true-false') }),
  z.object({ type: z.literal('type-answer') }),
  // Items in the dealt (shuffled) order; the phone answers with indexes into this list.
  z.object({
    type: z.literal('puzzle'),
    items: z.array(text).check(z.minLength(PUZZLE_ITEMS.min), z.maxLength(PUZZLE_ITEMS.max)),
  }),
  z.object({
    type: z.literal('slider'),
    min: z.number(),
    max: z.number(),
    step: z.number(),
    unit: z.string().check(z.maxLength(40)),
  }),
]);
export type Ask = z.infer<typeof ask>;

/** What the host shows on a phone. The host sends one of these whenever a phone's screen changes. */
export const screen = z.discriminatedUnion('type', [
  z.object({ type: z.literal('waiting'), nickname: z.string() }),
  z.object({
    type: z.literal('question'),
    round: count,
    total: count,
    /** The prompt, unless the host shows questions on the big screen only. */
    prompt: z.optional(text),
    /** Whether the answer texts show on the phone; without them only the colours and shapes do. */
    texts: z.boolean(),
    ask,
  }),
  /** The question shows alone on the big screen; the answers open on the phone when the host sends the question. */
  z.object({ type: z.literal('get-ready'), round: count, total: count }),
  z.object({ type: z.literal('answered'), round: count }),
  z.object({
    type: z.literal('result'),
    round: count,
    correct: z.boolean(),
    answered: z.boolean(),
    points: count,
    streak: count,
    score: count,
    rank: count,
    players: count,
    /** The player just above, and how many points behind them; absent for the leader. */
    above: z.optional(z.object({ nickname: z.string(), gap: count })),
  }),
  z.object({ type: z.literal('final'), rank: count, players: count, score: count }),
]);
export type Screen = z.infer<typeof screen>;

// Every event a client may send: its payload and the acknowledgement the server answers it with. The server parses
// each payload with `payload` before a handler sees it; the clients parse each reply with `reply`. Socket.IO's
// typed events below are derived from this table, so a handler, an emit and a test cannot disagree on a shape.

export const ERRORS = {
  'bad-payload': 'That message was not understood.',
  'too-large': 'That message is too large.',
  'unknown-event': 'That is not something this server does.',
  'not-host': 'Only the host can do that.',
  'not-player': 'Join a game first.',
  'no-room': 'No game has that PIN. Check the PIN on the host’s screen.',
  locked: 'This game is locked: the host is not letting anyone else in.',
  full: 'This game is full.',
  started: 'This game has already started.',
  'nickname-taken': 'Someone in this game already has that nickname (or one that looks the same). Pick another.',
  'bad-nickname': 'That nickname cannot be shown: use letters or digits, at most 24, without stacked accents.',
  'bad-token': 'That seat is not yours.',
  'no-player': 'No such player in this game.',
  'too-many': 'Too many attempts. Wait a little, then try again.',
  'too-many-rooms': 'Too many games are open from your network. Close one of them, or wait for one to end.',
  'server-full': 'This server is hosting as many games as it can. Try again in a few minutes.',
  unavailable: 'The game server could not do that just now. Try again in a moment.',
  timeout: 'The game server did not answer in time. Check the connection; it will retry by itself.',
} as const;
export type ErrorCode = keyof typeof ERRORS;
/** What a phone whose seat was removed while it was away reads when it comes back (its resume finds no seat). */
export const SEAT_GONE = 'Your seat is no longer in that game: the host removed it. Join again with the PIN.';
const errorCodes = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** Every refusal: a code for programs and a sentence for people. */
export const liveError = z.object({ error: z.enum(errorCodes), message: z.string() });
export type LiveError = z.infer<typeof liveError>;

const refused = z.object({ ok: z.literal(false), error: z.enum(errorCodes), message: z.string() });
/** An acknowledgement: `ok: true` with the event's own fields, or a refusal. */
const reply = <Shape extends z.core.$ZodShape>(shape: Shape) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), refused]);

export const refuse = (error: ErrorCode): Refusal => ({ ok: false, error, message: ERRORS[error] });

export const seat = z.object({
  id,
  nickname: z.string(),
  /** Whether the player's phone is connected now; an away player keeps their seat and score. */
  connected: z.boolean(),
  /**
   * The hash of the seat's token (never the token): sent to the host only, which keeps it so that it can give the
   * room back to a server that restarted without Redis (host:restore), where the phone's own token still fits.
   */
  tokenHash: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
});
export type Seat = z.infer<typeof seat>;

const none = z.object({});
const basePath = z.string().check(z.maxLength(200), z.regex(/^\/(?:[\w.~-]+\/)*$/));
export type Refusal = z.infer<typeof refused>;
export const hostResume = z.object({ pin, hostToken: token });
/** A screen for one player, or for everyone who is in the room. */
export const hostShow = z.object({ to: z.union([id, z.literal('*')]), screen });
// Raw input: a decomposed or padded name may be longer than it will be once tidied (src/quiz/nickname.ts).
export const playerJoin = z.object({ pin, nickname: z.string().check(z.minLength(1), z.maxLength(MAX_NICKNAME * 4)) });
export const playerAnswer = z.object({ round: count, answer });
/** Seats per host:restore message: a chunk stays far under MAX_PAYLOAD. */
export const RESTORE_CHUNK = 25;
export const hostRestore = z.object({
  pin,
  hostToken: token,
  locked: z.boolean(),
  started: z.boolean(),
  lateJoin: z.boolean(),
  seats: z
    .array(
      z.object({
        id,
        nickname: z.string().check(z.minLength(1), z.maxLength(MAX_NICKNAME * 4)),
        tokenHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
      }),
    )
    .check(z.maxLength(RESTORE_CHUNK)),
});

export const CLIENT_EVENTS = {
  /** `base`: the site's base path, so that the join address points at its play page. */
  'host:open': { payload: z.object({ base: z.optional(basePath) }), reply: reply({ pin, hostToken: token, join: z.string() }) },
  'host:resume': {
    payload: hostResume,
    reply: reply({ locked: z.boolean(), started: z.boolean(), players: z.array(seat) }),
  },
  'host:kick': { payload: z.object({ id }), reply: reply({}) },
  'host:lock': { payload: z.object({ locked: z.boolean() }), reply: reply({ locked: z.boolean() }) },
  /**
   * The seats in the room when the server marked it started: the players of the game, frozen. `lateJoin` (default
   * on) keeps the room open to latecomers, who arrive as room:seat and play from the next question.
   */
  'host:start': { payload: z.object({ lateJoin: z.optional(z.boolean()) }), reply: reply({ players: z.array(seat) }) },
  'host:show': { payload: hostShow, reply: reply({}) },
  /** Remove every seat whose phone is away (a big room full of gone phones); the removed seats' ids. */
  'host:kick-away': { payload: none, reply: reply({ removed: z.array(id) }) },
  /**
   * Give the room back to a server that lost it (restarted without Redis), in chunks of seats: the first creates
   * the room if its PIN is free, the rest add seats. The sender becomes its host.
   */
  'host:restore': { payload: hostRestore, reply: reply({}) },
  'host:close': { payload: none, reply: reply({}) },
  'player:join': { payload: playerJoin, reply: reply({ id, nickname: z.string(), token }) },
  'player:resume': { payload: z.object({ pin, token }), reply: reply({ id, nickname: z.string() }) },
  'player:answer': { payload: playerAnswer, reply: reply({}) },
} as const;

type Events = typeof CLIENT_EVENTS;
export type ClientEvent = keyof Events;
export type PayloadOf<E extends ClientEvent> = z.infer<Events[E]['payload']>;
export type ReplyOf<E extends ClientEvent> = z.infer<Events[E]['reply']>;
export type Reply<E extends ClientEvent> = ReplyOf<E>;

/**
 * An event's payload parsed with its schema, typed as that event's payload. The one cast of the contract: TypeScript
 * cannot follow a generic key into the table's schema and back to its output type (a correlated union).
 */
export function parsePayload<E extends ClientEvent>(event: E, raw: unknown): PayloadOf<E> | undefined {
  const parsed = CLIENT_EVENTS[event].payload.safeParse(raw);
  return parsed.success ? (parsed.data as PayloadOf<E>) : undefined;
}

/**
 * Socket.IO's client-to-server events, from the table. The acknowledgement may be left out (the load benchmark
 * fires and forgets); a refusal then comes back as a live:error event.
 */
export type ClientToServer = {
  [E in ClientEvent]: (payload: PayloadOf<E>, ack?: (reply: ReplyOf<E>) => void) => void;
};

// Server → host and server → player events. Every relayed message names its sender, as the server saw it.
export const SERVER_EVENTS = {
  'room:seat': seat,
  'room:answer': z.object({ from: id, round: count, answer }),
  'room:show': z.object({ from: z.literal('host'), screen }),
  'room:kicked': z.undefined(),
  'room:closed': z.undefined(),
  'live:error': liveError,
} as const;
type Pushed = typeof SERVER_EVENTS;
export type ServerEvent = keyof Pushed;

/** Socket.IO's server-to-client events, from the table (an event without payload takes no argument). */
export type ServerToClient = {
  [E in ServerEvent]: z.infer<Pushed[E]> extends undefined ? () => void : (message: z.infer<Pushed[E]>) => void;
};

/** The size the server counts against MAX_PAYLOAD: UTF-8 bytes of the JSON, as it crossed the wire. */
export const payloadBytes = (payload: unknown): number => new TextEncoder().encode(JSON.stringify(payload ?? null)).length;
