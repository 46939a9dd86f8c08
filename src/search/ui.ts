// The search panel's behaviour, loaded when search is first opened: runs the query as the person types,
// says what was searched and what was left out, offers "Did you mean…", renders facts first and then
// pages, keeps the filters, and on /search/ keeps query and filters in the URL.
import { FACT_KIND, SearchEngine, type Answer, type FactHit, type Filters, type PageHit } from './engine.ts';
import { markTerms, withoutHeading } from './excerpt.ts';
import type { AnswerFact, AnswerSince, Comparison } from './answers.ts';

/** Filters in the order shown, with the names a reader knows them by. */
const FILTERS: [name: string, label: string][] = [
  ['kind', 'Kind of result'],
  ['service', 'Service'],
  ['category', 'Database category'],
  ['format', 'Session format'],
];
const KIND_LABELS: Record<string, string> = {
  [FACT_KIND]: 'Facts',
  service: 'Service pages',
  session: 'Session notes',
  category: 'Database categories',
  glossary: 'Glossary',
  figure: 'Figures table',
  guide: 'Guides',
};
const KIND_OF_PAGE: Record<string, string> = {
  service: 'Service',
  session: 'Session',
  category: 'Category',
  glossary: 'Glossary',
  figure: 'Figures',
  guide: 'Guide',
};
const DEBOUNCE_MS = 120;
const MORE = 8;

let engine: Promise<SearchEngine> | undefined;

interface Props {
  className?: string;
  type?: string;
  href?: string;
  title?: string;
  name?: string;
  value?: string;
  checked?: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/** A result link that carries the searched words, so Pagefind's highlight marks them on arrival. */
function withHighlight(url: string, terms: string[]): string {
  const [path, hash] = url.split('#');
  const [page, query] = path!.split('?');
  const params = new URLSearchParams(query);
  for (const term of terms) params.append('highlight', term);
  return `${page}?${params}${hash ? `#${hash}` : ''}`;
}

const quoted = (text: string) => `“${text}”`;

export interface SearchPanel {
  focus(): void;
}

export async function mountSearch(root: HTMLElement, { syncUrl }: { syncUrl: boolean }): Promise<SearchPanel | undefined> {
  const form = root.querySelector('form')!;
  const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const filterPane = root.querySelector<HTMLDetailsElement>('[data-filters]')!;
  const filterGroups = root.querySelector<HTMLElement>('[data-filter-groups]')!;
  const filterCount = root.querySelector<HTMLElement>('[data-filter-count]')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const list = root.querySelector<HTMLOListElement>('[data-results]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-more]')!;
  const notice = root.querySelector<HTMLElement>('[data-notice]')!;

  let search: SearchEngine;
  try {
    engine ??= SearchEngine.load();
    search = await engine;
  } catch {
    engine = undefined;
    notice.hidden = false;
    notice.textContent =
      'Search needs the index that `npm run build` makes. Run `npm run build`, then `npm run preview` (or `npm start`).';
    return undefined;
  }

  const selected: Filters = Object.fromEntries(FILTERS.map(([name]) => [name, []]));
  if (syncUrl) {
    const params = new URLSearchParams(location.search);
    // What someone typed while search was loading wins over the address.
    if (!input.value) input.value = params.get('q') ?? '';
    for (const [name] of FILTERS) selected[name] = params.getAll(name);
  }

  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let answer: Answer | undefined;

  function saveUrl() {
    if (!syncUrl) return;
    const url = new URL(location.href);
    url.search = '';
    if (input.value.trim()) url.searchParams.set('q', input.value.trim());
    for (const [name] of FILTERS) for (const value of selected[name]!) url.searchParams.append(name, value);
    history.replaceState(null, '', url);
  }

  async function run() {
    const id = ++latest;
    const raw = input.value.trim();
    saveUrl();
    if (!raw) {
      answer = undefined;
      status.replaceChildren();
      list.replaceChildren();
      more.hidden = true;
      renderFilters(await search.totals());
      return;
    }
    const found = await search.search(raw, selected);
    if (id !== latest) return;
    answer = found;
    renderStatus(raw, found);
    renderResults(found);
    renderFilters(found.counts);
    root.dispatchEvent(new CustomEvent('search-results', { bubbles: true }));
  }

  function renderStatus(raw: string, found: Answer) {
    const { query } = found;
    const lines: HTMLElement[] = [];
    const total = found.factCount + found.pageCount;
    if (query.nothing && query.unknown.length) {
      const words = query.unknown.map(quoted).join(', ');
      lines.push(
        el(
          'p',
          { className: 'none' },
          `No results for ${quoted(raw)}: no page uses ${query.unknown.length > 1 ? 'the words' : 'the word'} ${words}.`,
        ),
      );
      if (query.suggestion) {
        const button = el('button', { type: 'button', className: 'suggestion' }, query.suggestion);
        button.addEventListener('click', () => {
          input.value = query.suggestion!;
          void run();
          input.focus();
        });
        lines.push(el('p', {}, 'Did you mean ', button, '?'));
      }
    } else if (query.terms.length === 0) {
      lines.push(
        el('p', { className: 'none' }, `No results: ${quoted(raw)} holds only question words. Add what you are looking for.`),
      );
    } else if (total === 0) {
      lines.push(el('p', { className: 'none' }, `No results for ${quoted(raw)}.`));
    } else {
      const parts = [
        found.factCount && `${found.factCount} ${found.factCount === 1 ? 'fact' : 'facts'}`,
        found.pageCount && `${found.pageCount} ${found.pageCount === 1 ? 'page' : 'pages'}`,
      ].filter(Boolean);
      lines.push(el('p', {}, el('strong', {}, parts.join(' and ')), ` for ${quoted(raw)}`));
    }
    const rewritten =
      query.rewrites.length || query.leftOut.length || found.dropped.length || found.factDropped.length || query.unknown.length;
    if (rewritten && !query.nothing && found.searched.length) {
      const notes = [
        ...query.rewrites.map((r) => `${quoted(r.from)} as ${r.to}`),
        query.unknown.length && `no page uses ${query.unknown.map(quoted).join(', ')}`,
        query.leftOut.length && `question words left out: ${query.leftOut.join(' ')}`,
        found.dropped.length && `no page has every word, so left out: ${found.dropped.join(' ')}`,
        found.factDropped.length && `facts without: ${found.factDropped.join(' ')}`,
      ].filter(Boolean);
      lines.push(
        el('p', { className: 'searched' }, 'Searched for ', el('strong', {}, found.searched.join(' ')), ` (${notes.join('; ')})`),
      );
    }
    status.replaceChildren(...lines);
  }

  function factItem(fact: FactHit, terms: string[]): HTMLLIElement {
    const statement = el('p', { className: 'statement' });
    for (const piece of markTerms(fact.statement, terms)) statement.append(piece.mark ? el('mark', {}, piece.text) : piece.text);
    const meta = el('p', { className: 'fact-meta' });
    if (fact.figure) meta.append(el('span', { className: 'figure', title: fact.measures ?? '' }, fact.figure), ' ');
    const voice = el('span', { className: 'voice' }, fact.voiceLabel);
    voice.dataset['voice'] = fact.voice;
    meta.append(voice, ' ', el('a', { href: withHighlight(fact.href, terms) }, fact.source));
    const item = el('li', { className: 'result result--fact' }, statement, meta);
    // The fact is as said at the event; what AWS changed since stands apart, with its own label.
    if (fact.since)
      item.append(
        el(
          'p',
          { className: 'since-line' },
          el('span', { className: 'since-tag' }, 'Since then'),
          ' ',
          el('a', { href: fact.since.href }, fact.since.title),
        ),
      );
    item.dataset['fact'] = fact.id;
    item.dataset['url'] = fact.section;
    return item;
  }

  /** A since-then note itself, above the results: what changed, when, and the AWS page that says so. */
  function sinceItem(note: AnswerSince): HTMLLIElement {
    const time = el('time', {}, note.dateText);
    time.dateTime = note.date;
    const source = el('a', { href: note.source }, new URL(note.source).hostname);
    source.rel = 'external';
    const item = el(
      'li',
      { className: 'result result--since' },
      el('p', { className: 'since-line' }, el('span', { className: 'since-tag' }, 'Since then'), ' ', time),
      el('p', { className: 'statement' }, el('a', { className: 'result-title', href: note.href }, note.title)),
      el('p', { className: 'since-change' }, note.change),
      el('p', { className: 'fact-meta' }, 'Source: ', source),
    );
    item.dataset['since'] = note.id;
    item.dataset['url'] = note.href;
    return item;
  }

  function answerFact(fact: AnswerFact, terms: string[]): HTMLLIElement {
    const statement = el('span', {});
    for (const piece of markTerms(fact.statement, terms)) statement.append(piece.mark ? el('mark', {}, piece.text) : piece.text);
    const li = el('li', {});
    if (fact.voice !== 'speaker') {
      const voice = el('span', { className: 'voice' }, fact.voiceLabel);
      voice.dataset['voice'] = fact.voice;
      li.append(voice, ' ');
    }
    if (fact.figure) li.append(el('span', { className: 'figure' }, fact.figure), ' ');
    li.append(statement, ' ', el('a', { className: 'compare-source', href: withHighlight(fact.href, terms) }, fact.source));
    li.dataset['fact'] = fact.id;
    return li;
  }

  /** Two names side by side: where the notes compare them (or a plain line that they do not), then each one's facts. */
  function compareItem(c: Comparison, terms: string[]): HTMLLIElement {
    const { a, b } = c;
    const item = el(
      'li',
      { className: 'result result--compare' },
      el(
        'p',
        { className: 'compare-title' },
        el('strong', {}, `${a.display} and ${b.display}`),
        ' ',
        el('span', { className: 'kind' }, 'Comparison'),
      ),
    );
    if (c.compared.length) {
      item.append(el('p', { className: 'compare-label' }, 'Where the notes compare them:'));
      item.append(el('ul', { className: 'compare-both' }, ...c.compared.map((f) => answerFact(f, terms))));
    } else {
      item.append(
        el(
          'p',
          { className: 'compare-none' },
          `The notes do not compare ${a.display} and ${b.display} directly. Here is what they say of each.`,
        ),
      );
    }
    if (c.together.length) {
      item.append(el('p', { className: 'compare-label' }, 'Said of both, without a comparison:'));
      item.append(el('ul', { className: 'compare-both' }, ...c.together.slice(0, 3).map((f) => answerFact(f, terms))));
    }
    const cols = el('div', { className: 'compare-sides' });
    for (const side of c.sides) {
      const col = el('section', {}, el('p', { className: 'compare-name' }, el('a', { href: side.name.url }, side.name.display)));
      col.setAttribute('aria-label', side.name.display);
      if (side.facts.length) col.append(el('ul', {}, ...side.facts.map((f) => answerFact(f, terms))));
      else col.append(el('p', { className: 'muted' }, `No fact of the notes is about ${side.name.display} alone.`));
      if (side.total > side.facts.length)
        col.append(
          el(
            'p',
            { className: 'compare-more' },
            el('a', { href: side.name.url }, `All ${side.total} facts: ${side.name.display}`),
          ),
        );
      cols.append(col);
    }
    item.append(cols);
    item.dataset['compare'] = [a.url, b.url]
      .map((u) => u.replace(/\/$/, '').split(/[/#]/).pop())
      .sort()
      .join('+');
    item.dataset['url'] = '';
    // A fact that compares the two is shown by this card: it counts as that fact's result.
    if (c.compared[0]) item.dataset['fact'] = c.compared[0].id;
    return item;
  }

  function excerpt(html: string, heading: string): HTMLParagraphElement {
    // One inline span inside the clamped box: its spaces between marked words survive the clamp.
    const span = el('span');
    span.innerHTML = withoutHeading(html, heading);
    return el('p', { className: 'excerpt' }, span);
  }

  function pageItem(page: PageHit, terms: string[]): HTMLLIElement {
    const title = page.title.replace(/\s*\((service|database category|session [^)]*)\)$/, '');
    const head = el('p', {}, el('a', { className: 'result-title', href: withHighlight(page.url, terms) }, title));
    const kind = KIND_OF_PAGE[page.kind];
    if (kind && kind !== title) head.append(' ', el('span', { className: 'kind' }, kind));
    const item = el('li', { className: 'result result--page' }, head);
    item.dataset['url'] = page.url;
    const sections = page.sections.slice(0, 2);
    if (!sections.length) item.append(excerpt(page.excerpt, title));
    else {
      const sub = el('ul', { className: 'sections' });
      for (const section of sections) {
        const li = el(
          'li',
          {},
          el('a', { href: withHighlight(section.url, terms) }, section.title),
          excerpt(section.excerpt, section.title),
        );
        li.dataset['url'] = section.url;
        sub.append(li);
      }
      item.append(sub);
    }
    return item;
  }

  function renderResults(found: Answer) {
    const terms = found.searched;
    const items: HTMLElement[] = [];
    // What the query asked for by its shape comes first: the since-then note, or the comparison.
    items.push(...found.since.map(sinceItem));
    if (found.comparison) items.push(compareItem(found.comparison, terms));
    const pages = [...found.pages];
    // A service's own page stays first for its name; otherwise the facts that answer come first.
    if (pages[0] && pages[0].url === found.query.servicePage) items.push(pageItem(pages.shift()!, terms));
    const facts = found.facts.map((f) => factItem(f, terms));
    items.push(...facts);
    const hidden = found.factCount - found.facts.length;
    if (hidden > 0) {
      const button = el(
        'button',
        { type: 'button', className: 'more-facts' },
        `Show ${hidden} more ${hidden === 1 ? 'fact' : 'facts'}`,
      );
      const holder = el('li', {}, button);
      button.addEventListener('click', async () => {
        const next = await found.moreFacts(found.factCount);
        const added = next.map((f) => factItem(f, terms));
        holder.replaceWith(...added);
        added[0]?.querySelector('a')?.focus();
      });
      items.push(holder);
    }
    items.push(...pages.map((p) => pageItem(p, terms)));
    list.replaceChildren(...items);
    more.hidden = found.pageCount <= found.pages.length;
  }

  function renderFilters(counts: Record<string, Record<string, number>>) {
    const focused =
      document.activeElement instanceof HTMLInputElement && filterGroups.contains(document.activeElement)
        ? document.activeElement
        : null;
    const refocus = focused && { name: focused.name, value: focused.value };
    const groups: HTMLFieldSetElement[] = [];
    for (const [name, label] of FILTERS) {
      const values = counts[name] ?? {};
      const chosen = selected[name]!;
      const shown = Object.keys(values)
        .filter((v) => (values[v] ?? 0) > 0 || chosen.includes(v))
        .concat(chosen.filter((v) => !(v in values)))
        .sort((a, b) => (name === 'kind' ? 0 : a.localeCompare(b)));
      if (!shown.length) continue;
      const fieldset = el('fieldset', {}, el('legend', {}, label));
      for (const value of shown) {
        const box = el('input', { type: 'checkbox', name, value, checked: chosen.includes(value) });
        box.addEventListener('change', () => {
          selected[name] = box.checked ? [...chosen, value] : chosen.filter((v) => v !== value);
          void run();
        });
        const text = name === 'kind' ? (KIND_LABELS[value] ?? value) : value;
        fieldset.append(el('label', {}, box, text, el('span', { className: 'count' }, `(${values[value] ?? 0})`)));
      }
      groups.push(fieldset);
    }
    filterGroups.replaceChildren(...groups);
    const active = Object.values(selected).flat().length;
    filterCount.textContent = active ? ` (${active} on)` : '';
    filterPane.hidden = groups.length === 0;
    if (active && !filterPane.open) filterPane.open = true;
    if (refocus)
      filterGroups
        .querySelector<HTMLInputElement>(`input[name="${refocus.name}"][value="${CSS.escape(refocus.value)}"]`)
        ?.focus();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    void run();
  });
  more.addEventListener('click', async () => {
    if (!answer) return;
    const terms = answer.searched;
    const next = await answer.morePages(MORE);
    const added = next.map((p) => pageItem(p, terms));
    list.append(...added);
    added[0]?.querySelector('a')?.focus();
    more.hidden = list.querySelectorAll('.result--page').length >= answer.pageCount;
  });

  // Arrow keys: from the box into the results, and from link to link.
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' || event.isComposing) return;
    const first = links()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && at === 0) input.focus();
    else all[Math.min(all.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1))]?.focus();
  });

  await run();
  return { focus: () => input.focus() };
}
