// A host and players that behave as the browsers do (src/live/host, src/live/player) as far as the server can
// tell: socket.io-client over WebSocket, reconnecting by themselves, and on every reconnection taking their place
// back with host:resume or player:resume and their token. For the fault tests and the load benchmark.
import type { Ask, ClientEvent, PayloadOf, ReplyOf, Screen, Seat } from '../../src/live/protocol.ts';
import { LiveSession } from '../../src/live/session.ts';

export interface Received {
  from: string;
  round: number;
  answer: unknown;
  /** performance.now() when the host heard it. */
  at: number;
}

function sessionTo(url: string, extraHeaders?: Record<string, string>): LiveSession {
  return new LiveSession({
    url,
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1_000,
    timeoutMs: 15_000,
    ...(extraHeaders && { extraHeaders }),
  });
}

export class LiveHost {
  readonly session: LiveSession;
  pin = '';
  hostToken = '';
  readonly seats = new Map<string, Seat>();
  readonly answers: Received[] = [];
  /** Replies to host:resume after reconnections, in order. */
  readonly resumes: ReplyOf<'host:resume'>[] = [];
  onAnswer: ((answer: Received) => void) | undefined;

  private constructor(url: string) {
    this.session = sessionTo(url);
    this.session.onConnect(() => {
      if (!this.pin) return;
      void this.session.persist('host:resume', { pin: this.pin, hostToken: this.hostToken }).then((reply) => {
        if (reply.ok) for (const seat of reply.players) this.seats.set(seat.id, seat);
        this.resumes.push(reply);
      });
    });
    this.session.on('room:seat', (seat) => this.seats.set(seat.id, seat));
    this.session.on('room:answer', (message) => {
      // As the host's page does: an answer heard again (handed back after a resume) counts once.
      if (this.answers.some((a) => a.from === message.from && a.round === message.round)) return;
      const received = { ...message, at: performance.now() };
      this.answers.push(received);
      this.onAnswer?.(received);
    });
  }

  get socket() {
    return this.session.socket;
  }

  static async open(url: string): Promise<LiveHost> {
    const host = new LiveHost(url);
    await host.session.ready();
    const reply = await host.session.request('host:open', {});
    if (!reply.ok) throw new Error(`host:open refused: ${reply.error}`);
    host.pin = reply.pin;
    host.hostToken = reply.hostToken;
    return host;
  }

  async send<E extends ClientEvent>(event: E, payload: PayloadOf<E>): Promise<ReplyOf<E>> {
    await this.session.ready(15_000);
    return this.session.request(event, payload);
  }

  show(to: string, screen: Screen) {
    return this.send('host:show', { to, screen });
  }

  close() {
    this.session.close();
  }
}

export class LivePlayer {
  readonly session: LiveSession;
  id = '';
  token = '';
  readonly screens: Screen[] = [];
  readonly resumes: ReplyOf<'player:resume'>[] = [];
  closed = false;
  kicked = false;
  onScreen: ((screen: Screen) => void) | undefined;

  readonly pin: string;
  readonly nickname: string;

  private constructor(url: string, pin: string, nickname: string, address?: string) {
    this.pin = pin;
    this.nickname = nickname;
    // A distinct address per simulated phone, as a reverse proxy reports it (the server trusts it with TRUST_PROXY=1).
    this.session = sessionTo(url, address ? { 'x-forwarded-for': address } : undefined);
    this.session.onConnect(() => {
      if (!this.token) return;
      void this.session.persist('player:resume', { pin: this.pin, token: this.token }).then((reply) => this.resumes.push(reply));
    });
    this.session.on('room:show', ({ screen }) => {
      this.screens.push(screen);
      this.onScreen?.(screen);
    });
    this.session.on('room:closed', () => (this.closed = true));
    this.session.on('room:kicked', () => (this.kicked = true));
  }

  get socket() {
    return this.session.socket;
  }

  static async join(url: string, pin: string, nickname: string, address?: string): Promise<LivePlayer> {
    const player = new LivePlayer(url, pin, nickname, address);
    await player.session.ready();
    const reply = await player.session.request('player:join', { pin, nickname });
    if (!reply.ok) {
      player.close();
      throw new Error(`player:join refused: ${reply.error}`);
    }
    player.id = reply.id;
    player.token = reply.token;
    return player;
  }

  /** The last screen the host sent, if it is `type`. */
  showing(type: Screen['type'], round?: number): boolean {
    const screen = this.screens.at(-1);
    return screen?.type === type && (round === undefined || ('round' in screen && screen.round === round));
  }

  async answer(round: number, answer: PayloadOf<'player:answer'>['answer']): Promise<ReplyOf<'player:answer'>> {
    await this.session.ready(15_000);
    return this.session.request('player:answer', { round, answer });
  }

  close() {
    this.session.close();
  }
}

/** A valid answer (right or not) to whatever a question screen asks: for load, where only that an answer arrives matters. */
export function anyAnswer(ask: Ask): PayloadOf<'player:answer'>['answer'] {
  switch (ask.type) {
    case 'quiz':
      return { type: 'quiz', options: [0] };
    case 'true-false':
      return { type: 'true-false', value: true };
    case 'type-answer':
      return { type: 'type-answer', text: 'answer' };
    case 'puzzle':
      return { type: 'puzzle', order: ask.items.map((_, i) => i) };
    case 'slider':
      return { type: 'slider', value: ask.min };
  }
}

/** Wait until `condition` holds, looking every 10 ms, for at most `ms`: a bounded wait for a state, not a sleep. */
export async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
