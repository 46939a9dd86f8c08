// The assign form's behaviour: default deadline a week ahead, post the challenge, show its links and QR code.
import { API, type Created, type CreateChallenge, type Refusal } from './contract.ts';
import { withBase } from '../lib/paths.ts';

const WEEK = 7 * 24 * 3600_000;

/** A datetime-local value (local time, minutes) for `ms`. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export function assign(root: HTMLElement) {
  const form = root.querySelector<HTMLFormElement>('[data-assign]')!;
  const error = root.querySelector<HTMLElement>('[data-assign-error]')!;
  const done = root.querySelector<HTMLElement>('[data-assigned]')!;
  const deadline = form.querySelector<HTMLInputElement>('[name="deadline"]')!;
  deadline.value = localInput(Date.now() + WEEK);
  deadline.min = localInput(Date.now());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const data = new FormData(form);
    const at = new Date(String(data.get('deadline'))).getTime();
    if (!Number.isFinite(at)) {
      error.textContent = 'Pick a deadline: a date and a time.';
      return deadline.focus();
    }
    const count = String(data.get('count'));
    const body: CreateChallenge = {
      pack: String(data.get('pack')),
      count: count === 'all' ? 'all' : Number(count),
      timer: Number(data.get('timer')) as CreateChallenge['timer'],
      deadline: at,
    };
    let response: Response;
    try {
      response = await fetch(API, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      error.textContent = 'The server cannot be reached. Challenges need the site’s own server (npm start).';
      return;
    }
    const reply = (await response.json().catch(() => null)) as (Created & Refusal) | null;
    if (!response.ok || !reply?.pin) {
      error.textContent =
        reply?.error && reply.message
          ? reply.message
          : // Not this API answering (a static host's 404 or 405): the site is served without its server.
            'This copy of the site has no challenge server: challenges need the site’s own server (npm start).';
      return;
    }
    await show(root, reply);
  });

  root.querySelector('[data-assign-another]')!.addEventListener('click', () => {
    done.hidden = true;
    form.hidden = false;
    form.querySelector<HTMLElement>('select')!.focus();
  });
}

async function show(root: HTMLElement, created: Created) {
  const form = root.querySelector<HTMLFormElement>('[data-assign]')!;
  const done = root.querySelector<HTMLElement>('[data-assigned]')!;
  const link = new URL(withBase(`/quiz/challenge/?pin=${created.pin}`), location.href).href;
  const report = new URL(withBase(`/quiz/challenge/report/?pin=${created.pin}#token=${created.reportToken}`), location.href).href;
  const a = root.querySelector<HTMLAnchorElement>('[data-challenge-link]')!;
  a.href = a.textContent = link;
  const r = root.querySelector<HTMLAnchorElement>('[data-report-link]')!;
  r.href = r.textContent = report;
  root.querySelector('[data-challenge-pin]')!.textContent = created.pin;
  const when = new Date(created.deadline).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
  root.querySelector('[data-challenge-facts]')!.textContent = `${created.questions} questions · open until ${when}`;
  const { qrCode } = await import('../live/host/qr.ts');
  root.querySelector('[data-challenge-qr]')!.replaceChildren(qrCode(link, `QR code: ${link}`));
  form.hidden = true;
  done.hidden = false;
  root.querySelector<HTMLElement>('[data-assign-notice]')!.hidden = true;
  done.focus();
}
