// Nicknames: every trick of the hardening review is refused or collides with the honest name it imitates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NICKNAME, nicknameKey, tidyNickname } from '../../src/quiz/nickname.ts';

const shown = (raw: string) => {
  const tidy = tidyNickname(raw);
  return tidy.ok ? tidy.nickname : tidy.problem;
};

test('look-alikes of Alice and José collide with them, or are refused', () => {
  const alice = nicknameKey('Alice');
  const jose = nicknameKey(shown('Jos\u00E9'));
  const table: [string, string, 'alice' | 'jose' | 'refused'][] = [
    ['zero-width space inside', 'Al\u200Bice', 'alice'],
    ['Cyrillic А', '\u0410lice', 'alice'],
    ['Cyrillic а, е, с in lower case', 'Ali\u0441\u0435', 'alice'],
    ['full-width letters', '\uFF21\uFF4C\uFF49\uFF43\uFF45', 'alice'],
    ['upper case and padding', '  ALICE ', 'alice'],
    ['NFD José', 'Jose\u0301', 'jose'],
    ['NFC José', 'Jos\u00E9', 'jose'],
    ['a bare zero-width space', '\u200B', 'refused'],
    ['right-to-left override', '\u202EAlice', 'alice'],
    ['NUL and ESC', 'Al\u0000i\u001Bce', 'alice'],
    ['23 stacked combining marks', 'Alice' + '\u0301'.repeat(23), 'refused'],
    ['only spaces', '   ', 'refused'],
    ['too long', 'x'.repeat(MAX_NICKNAME + 1), 'refused'],
  ];
  for (const [what, raw, expected] of table) {
    const tidy = tidyNickname(raw);
    if (expected === 'refused') assert.equal(tidy.ok, false, what);
    else {
      assert.ok(tidy.ok, what);
      assert.equal(nicknameKey(tidy.nickname), expected === 'alice' ? alice : jose, what);
    }
  }
});

test('what is shown keeps the name as typed, tidied', () => {
  assert.equal(shown('  Ada   Lovelace '), 'Ada Lovelace');
  assert.equal(shown('Jose\u0301'), 'Jos\u00E9');
  assert.equal(shown('Zoë'), 'Zoë');
  assert.equal(shown('李小龙'), '李小龙');
  assert.equal(shown('x'.repeat(MAX_NICKNAME)), 'x'.repeat(MAX_NICKNAME));
  // Two accents on one letter are real writing (Vietnamese); they stay.
  assert.equal(shown('Nguye\u0302\u0303n'), 'Nguy\u1EC5n');
  assert.notEqual(nicknameKey('Bob'), nicknameKey('Alice'));
});
