// Finished markdown blocks are parsed once however often their row mounts, and highlighted later, off the
// frame that shows them (renderer/features/chat/markdown/render-cache.ts).
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { cachedBlock, cachedSplit, hasCode, highlightedBlock, highlightLater } from '../../../renderer/features/chat/markdown/render-cache';

describe('the markdown render cache', () => {
  it('parses a block once across mounts, then serves its highlighted form once that is built', async () => {
    let parses = 0;
    const text = 'Some `code`:\n\n```ts\nconst a = 1;\n```';
    const plain = () => (parses++, createElement('p', null, 'plain'));
    const first = cachedBlock(text, plain);
    const second = cachedBlock(text, plain);
    expect(parses).toBe(1);
    expect(second.element).toBe(first.element);
    expect(first.highlighted).toBe(false);
    expect(highlightedBlock(text)).toBeUndefined();

    const done = new Promise<void>((resolve) => highlightLater(text, () => createElement('p', null, 'highlighted'), resolve));
    await done;
    const after = cachedBlock(text, plain);
    expect(after.highlighted).toBe(true);
    expect(after.element.props).toEqual({ children: 'highlighted' });
    expect(parses).toBe(1);
  });

  it('a cancelled highlight (the row scrolled away) never runs', async () => {
    let ran = false;
    const cancel = highlightLater('```js\nx\n```', () => ((ran = true), createElement('p')), () => undefined);
    cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toBe(false);
  });

  it('splits a finished message once and knows which blocks have code to highlight', () => {
    let splits = 0;
    const split = (t: string) => (splits++, t.split('\n\n'));
    expect(cachedSplit('a\n\nb', split)).toEqual(['a', 'b']);
    expect(cachedSplit('a\n\nb', split)).toEqual(['a', 'b']);
    expect(splits).toBe(1);
    expect(hasCode('```python\nx = 1\n```')).toBe(true);
    expect(hasCode('```\nplain\n```')).toBe(false);
    expect(hasCode('no code here')).toBe(false);
  });
});
