// The answers' markdown dialect, parsed the way react-markdown parses it.
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkPlugins } from '../../../renderer/features/chat/markdown/plugins';

function strongTexts(md: string): string[] {
  const processor = unified().use(remarkParse);
  for (const plugin of remarkPlugins) processor.use(plugin);
  const tree = processor.runSync(processor.parse(md)) as { children?: unknown[] };
  const out: string[] = [];
  const walk = (n: { type?: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'strong') out.push((n.children ?? []).map((c) => (c as { value?: string }).value ?? '').join(''));
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(tree);
  return out;
}

describe('answer markdown', () => {
  it('bolds CJK text whose closing ** touches full-width punctuation', () => {
    expect(strongTexts('**天空：**一片晴朗。')).toEqual(['天空：']);
    expect(strongTexts('这是**“重点”**内容')).toEqual(['“重点”']);
  });

  it('keeps GFM: tables and strikethrough still parse', () => {
    const processor = unified().use(remarkParse);
    for (const plugin of remarkPlugins) processor.use(plugin);
    const tree = processor.runSync(processor.parse('| a |\n|---|\n| 1 |\n\n~~x~~')) as unknown as { children: { type: string }[] };
    expect(tree.children.map((c) => c.type)).toEqual(['table', 'paragraph']);
  });
});
