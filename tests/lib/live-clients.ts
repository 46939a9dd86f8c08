// A host and players that behave as the browsers do (src/live/host, src/live/player) as far as the server can
// tell: socket.io-client over WebSocket, reconnecting by themselves, and on every reconnection taking their place
// back with host:resume or player:resume and their token. For the fault tests and the load benchmark.
import { io as connect, type Socket } from 'socket.io-client';
import type { Screen, Seat } from '../../src/live/protocol.ts';

type Reply = { ok: boolean; error?: string; [key: string]: unknown };
export interface Received {
  from: string;
  round: number;
  answer: unknown;
  /** performance.now() when the host heard it. */
  at: number;
}

function socketTo(url: string, extraHeaders?: Record<string, string>): Socket {
  return connect(url, {
    path: '/live/',
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1_000,
    ...(extraHeaders && { extraHeaders }),
  });
}

function connected(socket: Socket, ms = 10_000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return withTimeout(new Promise((resolve) => socket.once('connect', () => resolve())), ms, 'a connection');
}

export class LiveHost {
  readonly socket: Socket;
  pin = '';
  hostToken = '';
  readonly seats = new Map<string, Seat>();
  readonly answers: Received[] = [];
  /** Replies to host:resume after reconnections, in order. */
  readonly resumes: Reply[] = [];
  onAnswer: ((answer: Received) => void) | undefined;

  private constructor(url: string) {
    this.socket = socketTo(url);
    this.socket.on('connect', () => {
      if (!this.pin) return;
      void this.socket.emitWithAck('host:resume', { pin: this.pin, hostToken: this.hostToken }).then((reply: Reply) => {
        if (reply.ok) for (const seat of reply['players'] as Seat[]) this.seats.set(seat.id, seat);
        this.resumes.push(reply);
      });
    });
    this.socket.on('room:seat', (seat: Seat) => this.seats.set(seat.id, seat));
    this.socket.on('room:answer', (message: Omit<Received, 'at'>) => {
      const received = { ...message, at: performance.now() };
      this.answers.push(received);
      this.onAnswer?.(received);
    });
  }

  static async open(url: string): Promise<LiveHost> {
    const host = new LiveHost(url);
    await connected(host.socket);
    const reply: Reply = await host.socket.emitWithAck('host:open', {});
    if (!reply.ok) throw new Error(`host:open refused: ${reply.error}`);
    host.pin = String(reply['pin']);
    host.hostToken = String(reply['hostToken']);
    return host;
  }

  async send(event: string, payload: object): Promise<Reply> {
    await connected(this.socket);
    return withTimeout(this.socket.emitWithAck(event, payload), 15_000, `the ack of ${event}`);
  }

  show(to: string, screen: Screen) {
    return this.send('host:show', { to, screen });
  }

  close() {
    this.socket.disconnect();
  }
}

export class LivePlayer {
  readonly socket: Socket;
  id = '';
  token = '';
  readonly screens: Screen[] = [];
  readonly resumes: Reply[] = [];
  closed = false;
  kicked = false;
  onScreen: ((screen: Screen) => void) | undefined;

  readonly pin: string;
  readonly nickname: string;

  private constructor(url: string, pin: string, nickname: string, address?: string) {
    this.pin = pin;
    this.nickname = nickname;
    // A distinct address per simulated phone, as a reverse proxy reports it (the server trusts it with TRUST_PROXY=1).
    this.socket = socketTo(url, address ? { 'x-forwarded-for': address } : undefined);
    this.socket.on('connect', () => {
      if (!this.token) return;
      void this.socket
        .emitWithAck('player:resume', { pin: this.pin, token: this.token })
        .then((reply: Reply) => this.resumes.push(reply));
    });
    this.socket.on('room:show', ({ screen }: { screen: Screen }) => {
      this.screens.push(screen);
      this.onScreen?.(screen);
    });
    this.socket.on('room:closed', () => (this.closed = true));
    this.socket.on('room:kicked', () => (this.kicked = true));
  }

  static async join(url: string, pin: string, nickname: string, address?: string): Promise<LivePlayer> {
    const player = new LivePlayer(url, pin, nickname, address);
    await connected(player.socket);
    const reply: Reply = await player.socket.emitWithAck('player:join', { pin, nickname });
    if (!reply.ok) {
      player.close();
      throw new Error(`player:join refused: ${reply.error}`);
    }
    player.id = String(reply['id']);
    player.token = String(reply['token']);
    return player;
  }

  /** The last screen the host sent, if it is `type`. */
  showing(type: Screen['type'], round?: number): boolean {
    const screen = this.screens.at(-1);
    return screen?.type === type && (round === undefined || ('round' in screen && screen.round === round));
  }

  async answer(round: number, answer: object): Promise<Reply> {
    await connected(this.socket);
    return withTimeout(this.socket.emitWithAck('player:answer', { round, answer }), 15_000, 'the ack of an answer');
  }

  close() {
    this.socket.disconnect();
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
