// A connection to the live server as every client holds it: the host's page, the phone, the tests and the load
// benchmark. DOM-free. Requests are typed by the protocol's table, time out with a refusal a person can read
// instead of hanging, and have their replies parsed; pushed events are parsed before a listener sees them; and a
// hook runs on every (re)connection, where the host and the phone take their place back.
import { io, type Socket } from 'socket.io-client';
import * as z from 'zod/mini';
import {
  CLIENT_EVENTS,
  LIVE_PATH,
  refuse,
  SERVER_EVENTS,
  type ClientEvent,
  type ClientToServer,
  type PayloadOf,
  type ReplyOf,
  type ServerEvent,
  type ServerToClient,
} from './protocol.ts';

export interface SessionOptions {
  /** The server; default: the page's own origin. */
  url?: string;
  /** The site's base path, under which the live endpoint is served: default '/'. */
  base?: string;
  /** How long a request waits for its acknowledgement. */
  timeoutMs?: number;
  /** Reconnection pacing; tests and the benchmark reconnect faster than a phone needs to. */
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
  /** A socket of its own even when another to the same server exists (many clients in one process). */
  forceNew?: boolean;
  extraHeaders?: Record<string, string>;
}

export type LiveSocket = Socket<ServerToClient, ClientToServer>;

export class LiveSession {
  readonly socket: LiveSocket;
  readonly #timeoutMs: number;

  constructor({ url, base = '/', timeoutMs = 10_000, ...options }: SessionOptions = {}) {
    const settings = {
      path: `${base.replace(/\/$/, '')}${LIVE_PATH}`,
      transports: ['websocket'],
      ...options,
    };
    this.socket = url === undefined ? io(settings) : io(url, settings);
    this.#timeoutMs = timeoutMs;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /**
   * Send a request and wait for its acknowledgement. Never rejects: a lost connection, a timeout or a malformed
   * reply comes back as a refusal with a message for people. Sent while disconnected, it goes out on reconnection
   * (Socket.IO buffers it), unless its time runs out first.
   */
  async request<E extends ClientEvent>(event: E, payload: PayloadOf<E>, timeoutMs = this.#timeoutMs): Promise<ReplyOf<E>> {
    let raw: unknown;
    try {
      // Socket.IO's typed emit cannot follow a generic event name to its arguments: the table's types guard the call.
      const emit = this.socket.timeout(timeoutMs).emitWithAck as (event: E, payload: PayloadOf<E>) => Promise<unknown>;
      raw = await emit.call(this.socket.timeout(timeoutMs), event, payload);
    } catch {
      return refuse('timeout') as ReplyOf<E>;
    }
    const parsed = CLIENT_EVENTS[event].reply.safeParse(raw);
    return (parsed.success ? parsed.data : refuse('bad-payload')) as ReplyOf<E>;
  }

  /**
   * A request that must get through, such as taking a seat back: while the server answers that it cannot (its
   * registry unreachable) or does not answer in time, ask again, waiting longer each time, for as long as this
   * connection lasts. Any other reply, refusal or not, is final.
   */
  async persist<E extends ClientEvent>(event: E, payload: PayloadOf<E>, firstWaitMs = 250): Promise<ReplyOf<E>> {
    const socket = this.socket;
    const id = socket.id;
    for (let wait = firstWaitMs; ; wait = Math.min(wait * 2, 5_000)) {
      const reply = await this.request(event, payload);
      if (reply.ok || (reply.error !== 'unavailable' && reply.error !== 'timeout')) return reply;
      // A new connection runs its own onConnect hook; this one stops here.
      if (!socket.connected || socket.id !== id) return reply;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Listen to a pushed event; a message that does not match its schema is dropped before the listener. */
  on<Ev extends ServerEvent>(event: Ev, listener: (message: z.output<(typeof SERVER_EVENTS)[Ev]>) => void): this {
    const schema = SERVER_EVENTS[event];
    const handler = (message?: unknown) => {
      const parsed = schema.safeParse(message);
      if (parsed.success) listener(parsed.data as z.output<(typeof SERVER_EVENTS)[Ev]>);
    };
    // Listened to untyped: the schema, not Socket.IO's generics, is what checks the message.
    (this.socket as unknown as Socket).on(event as string, handler);
    return this;
  }

  /** Run on every connection, the first and each after a drop: where a client takes its place back. */
  onConnect(hook: () => void): this {
    this.socket.on('connect', hook);
    if (this.socket.connected) hook();
    return this;
  }

  onDisconnect(hook: (reason: string) => void): this {
    this.socket.on('disconnect', hook);
    return this;
  }

  onConnectError(hook: () => void): this {
    this.socket.on('connect_error', hook);
    return this;
  }

  /** Resolves once connected (at once if already), or rejects after `ms`. */
  ready(ms = this.#timeoutMs): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off('connect', done);
        reject(new Error(`no connection to the live server within ${ms} ms`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.socket.once('connect', done);
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
