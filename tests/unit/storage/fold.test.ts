// fold.ts claims to fold exactly as SQLite's FTS5 trigram tokenizer does, so words of 1–2 characters (the
// gram index) and longer words (the trigram index) find the same letters. Checked for every code point
// against the SQLite this app links: each one tripled is indexed, and fts5vocab shows what it became.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { foldCodePoint } from '../../../electron/storage/fold';

describe('foldCodePoint', () => {
  it('matches the trigram tokenizer for every code point', { timeout: 60_000 }, () => {
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram');
               CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
      const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
      db.transaction(() => {
        for (let c = 1; c < 0x110000; c++) {
          if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates are not characters
          const ch = String.fromCodePoint(c);
          insert.run(c, ch + ch + ch);
        }
      })();
      const wrong: string[] = [];
      let checked = 0;
      for (const row of db.prepare('SELECT term, doc FROM v').iterate() as Iterable<{ term: string; doc: number }>) {
        checked++;
        const sqlite = row.term.codePointAt(0)!;
        if (foldCodePoint(row.doc) !== sqlite) wrong.push(`U+${row.doc.toString(16)} → U+${sqlite.toString(16)}`);
      }
      expect(checked).toBe(0x110000 - 1 - 0x800);
      expect(wrong.slice(0, 20)).toEqual([]);
      // and a few a reader would know
      expect(String.fromCodePoint(foldCodePoint('Σ'.codePointAt(0)!))).toBe('σ');
      expect(String.fromCodePoint(foldCodePoint('ς'.codePointAt(0)!))).toBe('σ');
      expect(String.fromCodePoint(foldCodePoint('É'.codePointAt(0)!))).toBe('é');
      expect(String.fromCodePoint(foldCodePoint('中'.codePointAt(0)!))).toBe('中');
    } finally {
      db.close();
    }
  });
});
