// Nicknames, once for every place a player names themselves: the solo lobby, live games and challenges.
// `tidyNickname` turns what was typed into what is shown (or refuses it); `nicknameKey` is what uniqueness is
// checked on, so that names a person cannot tell apart on a projector collide.

/** The longest nickname, in characters as a person counts them (code points after tidying). */
export const MAX_NICKNAME = 24;
/** Combining marks allowed on one letter: enough for any language's accents, too few to draw a tower ("Zalgo"). */
export const MAX_MARKS = 2;

export type NicknameProblem = 'empty' | 'too-long' | 'stacked-marks';

export const NICKNAME_PROBLEMS: Record<NicknameProblem, string> = {
  empty: 'Type a nickname with at least one letter or digit.',
  'too-long': `A nickname is at most ${MAX_NICKNAME} characters.`,
  'stacked-marks': 'That nickname stacks too many accents on one letter.',
};

// Control characters (NUL, ESC…), format characters (zero-width spaces and joiners, bidi overrides such as U+202E),
// and the variation selectors that would make two identical-looking names different.
const INVISIBLE = /[\p{Cc}\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\u{115F}\u{1160}\u{3164}\u{FFA0}]/gu;
const SPACES = /[\p{Z}\s]+/gu;
const MARKS = /\p{M}+/gu;

/**
 * The nickname as it will be shown: NFKC (so full-width letters, ligatures and composed and decomposed accents
 * become one form), without invisible characters, with runs of spaces made one. Or why it cannot be one.
 */
export function tidyNickname(raw: string): { ok: true; nickname: string } | { ok: false; problem: NicknameProblem } {
  const name = raw.normalize('NFKC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(name)) return { ok: false, problem: 'empty' };
  for (const run of name.match(MARKS) ?? []) if ([...run].length > MAX_MARKS) return { ok: false, problem: 'stacked-marks' };
  if ([...name].length > MAX_NICKNAME) return { ok: false, problem: 'too-long' };
  return { ok: true, nickname: name };
}

// Letters of other scripts that are drawn exactly like Latin ones in common fonts (a subset of Unicode's
// confusables, the ones a keyboard reaches easily): folded to the Latin letter for the uniqueness key only.
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ɡ: 'g',
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'h',
  ι: 'i',
  κ: 'k',
  μ: 'm',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

/**
 * The key two nicknames collide on: the tidied name case-folded (NFKC has already folded width), with
 * look-alike Cyrillic and Greek letters read as Latin. "Alice", "ALICE", "Аlice" (Cyrillic А) and "Ａｌｉｃｅ"
 * share one key; "José" typed composed or decomposed is one name. Call with a tidied nickname.
 */
export function nicknameKey(nickname: string): string {
  return nickname
    .normalize('NFKC')
    .toLowerCase()
    .replace(LOOKALIKE, (c) => LOOKALIKES[c]!)
    .normalize('NFC');
}
