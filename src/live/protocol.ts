// The contract between the host's browser, the server and the players' phones, described once. The server
// validates every event it receives with these schemas, and each browser validates what it receives, so a
// malformed message is refused at the first hop. Nothing here carries a right answer before the reveal:
// `Ask` is what a phone may see while a question is open, and results travel only after the host settles.
import * as z from 'zod/mini';
import { answer, MAX_NICKNAME, OPTIONS, PUZZLE_ITEMS } from '../quiz/schema.ts';

/** Where live games' Socket.IO traffic goes on the server's origin: the server, both clients and the service worker's bypass. */
export const LIVE_PATH = '/live/';
/** A game PIN: six digits, as Kahoot's. */
export const PIN = /^\d{6}$/;
/** Kahoot's room size. */
export const ROOM_CAPACITY = 250;
/** The largest event payload the server accepts, as JSON bytes: room for a question and its four answers. */
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

// Client → server events, with their payloads.
export const hostResume = z.object({ pin, hostToken: token });
export const hostKick = z.object({ id });
export const hostLock = z.object({ locked: z.boolean() });
export const hostStart = z.object({});
/** A screen for one player, or for everyone who is in the room. */
export const hostShow = z.object({ to: z.union([id, z.literal('*')]), screen });
// Raw input: a decomposed or padded name may be longer than it will be once tidied (src/quiz/nickname.ts).
export const playerJoin = z.object({ pin, nickname: z.string().check(z.minLength(1), z.maxLength(MAX_NICKNAME * 4)) });
export const playerResume = z.object({ pin, token });
export const playerAnswer = z.object({ round: count, answer });

export const CLIENT_EVENTS = {
  'host:open': z.object({}),
  'host:resume': hostResume,
  'host:kick': hostKick,
  'host:lock': hostLock,
  'host:start': hostStart,
  'host:show': hostShow,
  'host:close': z.object({}),
  'player:join': playerJoin,
  'player:resume': playerResume,
  'player:answer': playerAnswer,
} as const;
export type ClientEvent = keyof typeof CLIENT_EVENTS;

export interface Seat {
  id: string;
  nickname: string;
  /** Whether the player's phone is connected now; an away player keeps their seat and score. */
  connected: boolean;
}

/** Server → host and server → player events. Every relayed message names its sender, as the server saw it. */
export interface ServerEvents {
  'room:seat': (seat: Seat) => void;
  'room:left': (seat: { id: string }) => void;
  'room:answer': (message: { from: string; round: number; answer: z.infer<typeof answer> }) => void;
  'room:show': (message: { from: 'host'; screen: Screen }) => void;
  'room:kicked': () => void;
  'room:closed': () => void;
  'live:error': (error: LiveError) => void;
}

/** Every refusal: a code for programs and a sentence for people. */
export interface LiveError {
  error: string;
  message: string;
}

export type Reply<T> = ({ ok: true } & T) | ({ ok: false } & LiveError);

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
} as const;
export type ErrorCode = keyof typeof ERRORS;

export const refuse = (error: ErrorCode): { ok: false } & LiveError => ({ ok: false, error, message: ERRORS[error] });

/** What a browser may emit, for socket.io-client's types. */
export type ClientEmits = Record<ClientEvent, (payload: object, ack?: (reply: never) => void) => void>;
