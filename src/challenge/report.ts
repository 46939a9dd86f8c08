// The lead's report: who played and when, each player's score and right answers, each question's share of right
// answers and most-chosen wrong answer, hardest first with the section of the notes that teaches it; downloads as
// CSV and JSON; close early or delete. The token comes from the link's #fragment and travels only in a header.
import { h } from '../quiz/dom.ts';
import { plural } from '../quiz/labels.ts';
import { API, PIN, type Refusal, type Report, type ReportQuestion } from './contract.ts';

/** Below this share of right answers, a question's section is one to revisit. */
const REVISIT_BELOW = 0.5;

const percent = (share: number) => `${Math.round(share * 100)} %`;
const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** Short enough for a table cell on a phone: "4 Dec, 17:07". */
const moment = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function report(root: HTMLElement) {
  const body = root.querySelector<HTMLElement>('[data-report]')!;
  const status = root.querySelector<HTMLElement>('[data-report-status]')!;
  const confirmDelete = root.querySelector<HTMLDialogElement>('dialog[data-delete]')!;
  const pin = new URLSearchParams(location.search).get('pin') ?? '';
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const auth = { authorization: `Bearer ${token}` };
  const urls: string[] = [];

  const fail = (message: string) => {
    body.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
  };

  async function send(method: 'GET' | 'POST' | 'DELETE', path: string): Promise<Response> {
    const response = await fetch(`${API}/${pin}${path}`, { method, headers: auth });
    if (!response.ok) {
      const refusal = (await response.json().catch(() => null)) as Refusal | null;
      throw new Error(refusal?.message ?? 'This server does not run challenges: reports need the site’s own server (npm start).');
    }
    return response;
  }

  async function load() {
    if (!PIN.test(pin) || !token)
      return fail('This page needs the report link given when the challenge was assigned (with its PIN and token).');
    let data: Report;
    let csv: string;
    try {
      data = (await (await send('GET', '/report')).json()) as Report;
      csv = await (await send('GET', '/report.csv')).text();
    } catch (problem) {
      return fail(
        problem instanceof Error && problem.message !== 'Failed to fetch' ? problem.message : 'The server cannot be reached.',
      );
    }
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    const file = (content: string, type: string) => {
      const url = URL.createObjectURL(new Blob([content], { type }));
      urls.push(url);
      return url;
    };
    body.replaceChildren(
      summary(data),
      h(
        'div',
        { class: 'actions report-actions' },
        h(
          'a',
          {
            class: 'button button--quiet',
            href: file(csv, 'text/csv'),
            download: `challenge-${pin}.csv`,
            'data-testid': 'report-csv',
          },
          'Download CSV',
        ),
        h(
          'a',
          {
            class: 'button button--quiet',
            href: file(JSON.stringify(data, null, 2), 'application/json'),
            download: `challenge-${pin}.json`,
            'data-testid': 'report-json',
          },
          'Download JSON',
        ),
        data.challenge.state === 'open'
          ? h('button', { type: 'button', class: 'button button--quiet', onclick: () => void close() }, 'Close it now')
          : null,
        h('button', { type: 'button', class: 'button button--quiet', onclick: () => confirmDelete.showModal() }, 'Delete…'),
      ),
      revisit(data.questions),
      players(data),
      questions(data.questions),
    );
  }

  async function close() {
    try {
      await send('POST', '/close');
      status.textContent = 'Closed: the challenge takes no more answers.';
      await load();
    } catch (problem) {
      status.textContent = (problem as Error).message;
    }
  }

  confirmDelete.querySelector('[data-delete-yes]')!.addEventListener('click', async () => {
    try {
      await send('DELETE', '');
      body.replaceChildren(
        h(
          'p',
          { role: 'status' },
          `Challenge ${pin} is deleted, with every player and answer. This link opens nothing any more.`,
        ),
      );
    } catch (problem) {
      status.textContent = (problem as Error).message;
    }
  });

  void load();
}

function summary({ challenge, players }: Report) {
  const state =
    challenge.state === 'open'
      ? `open until ${when(challenge.deadline)}`
      : challenge.state === 'closed'
        ? `closed on ${when(challenge.closedAt!)}`
        : `ended at its deadline, ${when(challenge.deadline)}`;
  return h(
    'section',
    { 'aria-labelledby': 'report-title' },
    h('h2', { id: 'report-title' }, challenge.packLabel),
    h(
      'p',
      {},
      `PIN ${challenge.pin} · ${plural(challenge.questions, 'question')}, ${challenge.timer} s each · ${state} · ${plural(players.length, 'player')}.`,
    ),
    h('p', { class: 'muted' }, `Kept on the server until ${when(challenge.expiresAt)}, unless you delete it sooner.`),
  );
}

function revisit(questions: ReportQuestion[]) {
  const weak = questions.filter((q) => q.answered > 0 && q.rightShare < REVISIT_BELOW);
  const sections = new Map<string, string>();
  for (const q of weak) sections.set(q.sourceHref.split('#')[0] + '#' + (q.sourceHref.split('#')[1] ?? ''), q.sourceLabel);
  return h(
    'section',
    { 'aria-labelledby': 'revisit-title' },
    h('h2', { id: 'revisit-title' }, 'Sections to revisit'),
    sections.size === 0
      ? h('p', {}, 'No question has been missed by half the players or more so far.')
      : h('ul', {}, ...[...sections].map(([href, label]) => h('li', {}, h('a', { href }, label)))),
  );
}

function players({ players: rows, challenge }: Report) {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.nickname.localeCompare(b.nickname));
  return h(
    'section',
    { 'aria-labelledby': 'players-title' },
    h('h2', { id: 'players-title' }, 'Players'),
    rows.length === 0
      ? h('p', {}, 'Nobody has joined yet. Share the challenge link.')
      : h(
          'div',
          { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-labelledby': 'players-title' },
          h(
            'table',
            { class: 'report-players' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Player', 'Score', 'Right', 'Joined', 'Last answer'].map((label) => h('th', { scope: 'col' }, label)),
              ),
            ),
            h(
              'tbody',
              {},
              ...sorted.map((p) =>
                h(
                  'tr',
                  { 'data-testid': 'report-player', 'data-score': p.score, 'data-nickname': p.nickname },
                  h(
                    'th',
                    { scope: 'row' },
                    p.nickname,
                    p.finished ? '' : h('span', { class: 'muted' }, ` (${p.answered} of ${challenge.questions})`),
                  ),
                  h('td', {}, String(p.score)),
                  h('td', {}, `${p.correct} of ${challenge.questions}`),
                  h('td', {}, moment(p.joinedAt)),
                  h('td', {}, p.lastAt === null ? '—' : moment(p.lastAt)),
                ),
              ),
            ),
          ),
        ),
  );
}

function questions(rows: ReportQuestion[]) {
  // Hardest first; questions nobody has reached yet last, in their order.
  const sorted = [...rows].sort(
    (a, b) => Number(a.answered === 0) - Number(b.answered === 0) || a.rightShare - b.rightShare || a.round - b.round,
  );
  return h(
    'section',
    { 'aria-labelledby': 'questions-title' },
    h('h2', { id: 'questions-title' }, 'Questions, hardest first'),
    h(
      'ol',
      { class: 'report-questions' },
      ...sorted.map((q) =>
        h(
          'li',
          { class: 'report-question', 'data-testid': 'report-question', 'data-right-share': q.rightShare, 'data-question': q.id },
          h('p', { class: 'report-question__prompt' }, h('span', { class: 'muted' }, `Question ${q.round + 1}. `), q.prompt),
          h(
            'p',
            { class: 'report-question__share' },
            q.answered === 0 ? 'Not answered yet' : `${percent(q.rightShare)} right (${q.right} of ${q.answered})`,
          ),
          h(
            'div',
            { class: 'share-bar', 'aria-hidden': 'true' },
            h('div', { class: 'share-bar__fill', style: `inline-size: ${percent(q.rightShare).replace(' ', '')}` }),
          ),
          h(
            'dl',
            { class: 'report-question__facts' },
            h('dt', {}, 'Answer'),
            h('dd', {}, q.rightAnswer),
            h('dt', {}, 'Most chosen wrong answer'),
            h('dd', {}, q.commonWrong ? `${q.commonWrong.answer} (${plural(q.commonWrong.count, 'player')})` : '—'),
            h('dt', {}, 'Taught in'),
            h('dd', {}, h('a', { href: q.sourceHref }, q.sourceLabel)),
          ),
        ),
      ),
    ),
  );
}
