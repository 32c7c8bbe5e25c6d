// The gram index behind search words of 1–2 characters (migration "message-grams"; most Chinese words are two
// characters, and trigram cannot match fewer than three). Each message is indexed by its distinct 1- and
// 2-character substrings, case-folded like the trigram index (fold.ts), so a word of at most two characters
// occurs in a message exactly when its own gram is among them: no LIKE check afterwards.
//
// A gram is written as a plain ASCII token, the hex code points ("4e2d" for 中, "61x69" for "ai"), so the
// FTS5 tokenizer can neither split nor fold it. SQLite calls messageGrams through the app function
// GRAMS_FUNCTION from the triggers that fill the index: every connection registers it (db.ts) before anything
// can insert or edit a message. The sqlite3 command-line shell lacks it, so it cannot insert or edit messages
// in an app database (it can read and delete).
import type Database from 'better-sqlite3';
import { foldCodePoint } from './fold';

export const GRAMS_FUNCTION = 'yibu_message_grams';

/** Words of at most this many characters go through the gram index; longer ones through trigram. */
export const MAX_GRAM = 2;

// A query is split on whitespace (search.ts parseQuery, /\s+/u), so no word holds one: grams with
// whitespace in them would never be asked for. Leaving them out saves a quarter of the index's entries
// (measured on the bench corpus).
const SPACE = /\s/u;
const PAIR = 0x110000;

function isSpace(c: number): boolean {
  return c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0x85 && SPACE.test(String.fromCodePoint(c));
}

const token = (key: number): string =>
  key < PAIR ? key.toString(16) : `${(Math.floor(key / PAIR) - 1).toString(16)}x${(key % PAIR).toString(16)}`;

/** The distinct grams of the text, as tokens separated by spaces (what the index stores for a message). */
export function messageGrams(text: string): string {
  const keys = new Set<number>();
  let prev = -1;
  for (const ch of text) {
    const c = foldCodePoint(ch.codePointAt(0)!);
    if (isSpace(c)) {
      prev = -1;
      continue;
    }
    keys.add(c);
    if (prev >= 0) keys.add((prev + 1) * PAIR + c);
    prev = c;
  }
  let out = '';
  for (const key of keys) out += out ? ` ${token(key)}` : token(key);
  return out;
}

/** The token of a word of 1–2 characters (no whitespace), folded as messageGrams folds the text. */
export function wordGram(word: string): string {
  const [a, b] = [...word].map((ch) => foldCodePoint(ch.codePointAt(0)!));
  if (a === undefined) throw new Error('empty word');
  return token(b === undefined ? a : (a + 1) * PAIR + b);
}

/** Registers the function the gram triggers call; every connection to an app database needs it. */
export function registerGramsFunction(db: Database.Database): void {
  db.function(GRAMS_FUNCTION, { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? messageGrams(text) : '',
  );
}
