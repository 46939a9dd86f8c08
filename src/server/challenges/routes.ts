// Challenges over plain HTTP JSON on the site's own server: one route per action, each body parsed by its schema
// from the shared contract, each refusal a status with { error, message, field }. The store and the bank open on
// the first request, so a server nobody assigns a challenge on creates no database file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type * as z from 'zod/mini';
import {
  API,
  answerRequest,
  createChallenge,
  DEFAULT_RETENTION_DAYS,
  joinChallenge,
  MAX_BODY_BYTES,
  PIN,
  playerRequest,
  type Refusal,
} from '../../challenge/contract.ts';
import { loadBank, type LoadedBank } from './bank.ts';
import { ChallengeError, Challenges } from './service.ts';
import { openStore, type ChallengeStore } from './store.ts';

export interface ChallengeRoutesOptions {
  /** Default: openStore() (DATABASE_URL, else SQLite under DATA_DIR). */
  store?: () => Promise<ChallengeStore>;
  /** Default: loadBank() (CHALLENGE_BANK, else dist/quiz/challenge/bank.json). */
  bank?: () => LoadedBank;
  now?: () => number;
  /** Default: CHALLENGE_RETENTION_DAYS, else 90. */
  retentionDays?: number;
}

const HOUR = 3600_000;

function retention(): number {
  const raw = process.env['CHALLENGE_RETENTION_DAYS'];
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) throw new Error(`CHALLENGE_RETENTION_DAYS: "${raw}" is not a positive number of days`);
  return days;
}

function parse<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const outcome = schema.safeParse(body ?? {});
  if (outcome.success) return outcome.data;
  const issue = outcome.error.issues[0]!;
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : '');
  throw new ChallengeError(400, 'bad-request', `${field || 'body'}: ${issue.message}`, field || undefined);
}

const pinOf = (request: FastifyRequest) => {
  const { pin } = request.params as { pin: string };
  if (!PIN.test(pin))
    throw new ChallengeError(404, 'no-challenge', `No challenge has the PIN ${pin.slice(0, 12)}: check the link.`);
  return pin;
};

/** The lead's token travels in the Authorization header (the report link keeps it in its #fragment, never sent in a URL). */
const leadToken = (request: FastifyRequest) => {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{1,64})$/.exec(header);
  if (!match)
    throw new ChallengeError(403, 'bad-token', 'This report needs the token from its link (Authorization: Bearer <token>).');
  return match[1]!;
};

export async function challengeRoutes(app: FastifyInstance, options: ChallengeRoutesOptions = {}) {
  const retentionDays = options.retentionDays ?? retention();
  let opening: Promise<Challenges> | undefined;
  let expiry: NodeJS.Timeout | undefined;
  const challenges = () =>
    (opening ??= (async () => {
      const bank = (options.bank ?? loadBank)();
      const store = await (options.store ?? openStore)();
      const service = new Challenges({ store, bank, retentionDays, ...(options.now && { now: options.now }) });
      const sweep = () => void service.expire().catch((error: Error) => app.log.error(error, 'challenges: expiry failed'));
      sweep();
      expiry = setInterval(sweep, HOUR).unref();
      return service;
    })().catch((error: unknown) => {
      // Not kept: the next request tries again (a bank built meanwhile, a database back up).
      opening = undefined;
      throw new ChallengeError(503, 'unavailable', `Challenges are unavailable on this server: ${(error as Error).message}`);
    }));

  app.addHook('onClose', async () => {
    clearInterval(expiry);
    if (opening) await (await opening.catch(() => undefined))?.store.end();
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply: FastifyReply) => {
    let refusal: Refusal;
    let status: number;
    if (error instanceof ChallengeError) {
      status = error.status;
      refusal = { error: error.code, message: error.message, ...(error.field && { field: error.field }) };
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      refusal = { error: 'too-large', message: `The request body is over ${MAX_BODY_BYTES} bytes.` };
    } else if (error.code?.startsWith('FST_ERR_CTP_') || (error.statusCode === 400 && error.code === undefined)) {
      status = error.statusCode === 415 ? 415 : 400;
      refusal = { error: 'bad-json', message: `The request body is not JSON this API reads: ${error.message}` };
    } else {
      request.log.error(error);
      status = 500;
      refusal = { error: 'server-error', message: 'Something went wrong on the server; nothing was stored.' };
    }
    return reply.code(status).header('cache-control', 'no-store').send(refusal);
  });

  const route = { bodyLimit: MAX_BODY_BYTES };
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.post(API, route, async (request, reply) => {
    const created = await (await challenges()).create(parse(createChallenge, request.body));
    return noStore(reply).code(201).send(created);
  });
  app.get(`${API}/:pin`, async (request, reply) => noStore(reply).send(await (await challenges()).info(pinOf(request))));
  app.post(`${API}/:pin/players`, route, async (request, reply) => {
    const pin = pinOf(request);
    return noStore(reply)
      .code(201)
      .send(await (await challenges()).join(pin, parse(joinChallenge, request.body)));
  });
  app.post(`${API}/:pin/play`, route, async (request, reply) => {
    const pin = pinOf(request);
    return noStore(reply).send(await (await challenges()).play(pin, parse(playerRequest, request.body)));
  });
  app.post(`${API}/:pin/next`, route, async (request, reply) => {
    const pin = pinOf(request);
    return noStore(reply).send(await (await challenges()).next(pin, parse(playerRequest, request.body)));
  });
  app.post(`${API}/:pin/answers`, route, async (request, reply) => {
    const pin = pinOf(request);
    const service = await challenges();
    const start = performance.now();
    const screen = await service.answer(pin, parse(answerRequest, request.body));
    // How long checking, scoring and storing the answer took here, apart from the network and the queue before it.
    return noStore(reply)
      .header('server-timing', `answer;dur=${(performance.now() - start).toFixed(2)}`)
      .send(screen);
  });
  app.get(`${API}/:pin/report`, async (request, reply) => {
    const pin = pinOf(request);
    return noStore(reply).send(await (await challenges()).report(pin, leadToken(request)));
  });
  app.get(`${API}/:pin/report.csv`, async (request, reply) => {
    const pin = pinOf(request);
    const csv = await (await challenges()).csv(pin, leadToken(request));
    return noStore(reply)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="challenge-${pin}.csv"`)
      .send(csv);
  });
  app.post(`${API}/:pin/close`, route, async (request, reply) => {
    const pin = pinOf(request);
    return noStore(reply).send(await (await challenges()).close(pin, leadToken(request)));
  });
  app.delete(`${API}/:pin`, async (request, reply) => {
    const pin = pinOf(request);
    await (await challenges()).remove(pin, leadToken(request));
    return noStore(reply).code(204).send();
  });
}
