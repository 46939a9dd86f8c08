// Emissions that outlive a Redis outage, in the order they were made.
//
// Socket.IO's cluster adapter publishes each emission to Redis once. If Redis refuses it, because its socket closed
// under the command or because a restarted Redis is still loading its data and answers `LOADING`, the adapter
// gives up and the other processes never see it: a question shown while Redis restarted never reached the phones
// on the other process (seen on a busy machine, where reconnecting landed inside the loading). Retrying a refused
// publish alone is not enough, for a later emission may get through first and the phones would see the results
// before the question. So once one publish is refused, every later one waits behind it, and they go out one by
// one, in order, as soon as Redis takes them; only then do publishes go straight through again.

export interface Link {
  /** The client has not been closed on purpose (while false, nothing will ever get through). */
  readonly isOpen: boolean;
  /** The client is connected (a restarted Redis may still refuse commands while it loads its data). */
  readonly isReady: boolean;
}

export interface HoldOptions {
  /** How many publishes wait at most; beyond, the oldest is given up (its local delivery still happens). */
  maxHeld?: number;
  /** First wait between attempts, doubled up to `maxWaitMs`. */
  firstWaitMs?: number;
  maxWaitMs?: number;
  /** Called once per outage when publishes had to be given up, with how many. */
  onDrop?: (count: number) => void;
}

interface Held<M, R> {
  message: M;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Refusals that a later attempt may not get: a connection lost mid-command, a Redis loading or busy. */
export function isTransient(error: unknown, link: Link): boolean {
  if (!link.isOpen) return false;
  if (!link.isReady) return true;
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /SocketClosedUnexpectedly|ConnectionTimeout|SocketTimeout|\b(LOADING|BUSY|TRYAGAIN|MASTERDOWN)\b/.test(text);
}

export function holdThroughOutages<M, R>(
  link: Link,
  publish: (message: M) => Promise<R>,
  { maxHeld = 10_000, firstWaitMs = 50, maxWaitMs = 1_000, onDrop }: HoldOptions = {},
): (message: M) => Promise<R> {
  const held: Held<M, R>[] = [];
  // From the first refusal until every held publish is out: meanwhile new publishes queue behind them.
  let draining = false;
  let dropped = 0;

  const hold = (entry: Held<M, R>) => {
    held.push(entry);
    if (held.length > maxHeld) {
      held.shift()!.reject(new Error('Redis unreachable for too long: publish given up'));
      dropped++;
    }
    void drain();
  };

  async function drain() {
    if (draining) return;
    draining = true;
    let wait = firstWaitMs;
    while (held.length) {
      if (!link.isOpen) {
        for (const entry of held.splice(0)) entry.reject(new Error('Redis client closed'));
        break;
      }
      if (link.isReady) {
        const entry = held[0]!;
        try {
          const result = await publish(entry.message);
          held.shift();
          entry.resolve(result);
          wait = firstWaitMs;
          continue;
        } catch (error) {
          if (!isTransient(error, link)) {
            held.shift();
            entry.reject(error);
            continue;
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, maxWaitMs);
    }
    if (dropped) onDrop?.(dropped);
    dropped = 0;
    draining = false;
  }

  const queued = (message: M) => new Promise<R>((resolve, reject) => hold({ message, resolve, reject }));
  return async (message) => {
    if (draining || !link.isReady) return queued(message);
    try {
      return await publish(message);
    } catch (error) {
      // Refused in flight: it joins the queue in the order the refusals come back, which is the order sent, and
      // before anything published after the connection was seen lost (that happens in a later task).
      if (isTransient(error, link)) return queued(message);
      throw error;
    }
  };
}
