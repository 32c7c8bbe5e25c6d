// Answers as the user sees them: the answer pipeline of markdown/Markdown.tsx (delimiters, blocks, the
// same remark plugins and KaTeX options, skipHtml; code highlighting aside) rendered to HTML in Node.
// Math in all four delimiters becomes KaTeX; code and raw HTML stay inert; task lists render. (The code block's own bar — language,
// wrap, copy — is covered in tests/e2e/params.spec.ts.)
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { normalizeMathDelimiters } from '../../../renderer/features/chat/markdown/math';
import { splitBlocks } from '../../../renderer/features/chat/markdown/blocks';
import { rehypeMath, remarkPlugins } from '../../../renderer/features/chat/markdown/plugins';

const html = (text: string) =>
  splitBlocks(normalizeMathDelimiters(text))
    .map((block) => renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins, rehypePlugins: rehypeMath, skipHtml: true }, block)))
    .join('');
const count = (s: string, needle: string) => s.split(needle).length - 1;
/** KaTeX writes the source as MathML annotation: what was rendered, as TeX. */
const annotations = (s: string) => [...s.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);

describe('math in answers', () => {
  it('renders $…$ and \\(…\\) inline, $$…$$ and \\[…\\] as display math', () => {
    const out = html(
      'Inline $a^2+b^2=c^2$ and \\(E=mc^2\\).\n\n$$\n\\int_0^1 x\\,dx = \\frac12\n$$\n\n\\[\n\\sum_{n=1}^{\\infty} \\frac{1}{n^2}\n\\]\n\n\\[x = 1\\]\n\nIn a sentence \\[y\\] stays inline.',
    );
    expect(count(out, 'class="katex-display"')).toBe(3);
    // 3 display + 3 inline
    expect(count(out, 'class="katex"')).toBe(6);
    expect(annotations(out)).toEqual(['a^2+b^2=c^2', 'E=mc^2', '\\int_0^1 x\\,dx = \\frac12', '\\sum_{n=1}^{\\infty} \\frac{1}{n^2}', 'x = 1', 'y']);
    expect(out).not.toContain('katex-error');
  });

  it('$$…$$ alone on one line is display math, as models write it; inside a sentence it stays inline', () => {
    const out = html('The sum:\n\n$$\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}$$\n\nand $$x$$ in a sentence.');
    expect(count(out, 'class="katex-display"')).toBe(1);
    expect(annotations(out)).toEqual(['\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}', 'x']);
  });

  it('leaves math delimiters inside code alone', () => {
    const out = html('Use `\\(x\\)` or `$y$` in text.\n\n```latex\n\\[ z \\]\n$$ w $$\n```');
    expect(out).not.toContain('class="katex"');
    expect(out).toContain('\\(x\\)');
    expect(out).toContain('$y$');
    expect(out).toContain('\\[ z \\]');
  });

  it('keeps a display block with a blank line in it whole while it streams in blocks', () => {
    expect(splitBlocks('Before\n\n$$\na = 1\n\nb = 2\n$$\n\nAfter')).toEqual(['Before\n', '$$\na = 1\n\nb = 2\n$$\n', 'After']);
    expect(normalizeMathDelimiters('see \\(x\\) and `\\(y\\)`')).toBe('see $x$ and `\\(y\\)`');
  });

  it('\\href in math is not made a link (KaTeX trust off), and a bad formula does not break the answer', () => {
    const out = html('$\\href{https://example.com}{click}$ then $\\frac{1}{$ and the rest.');
    expect(out).not.toContain('<a ');
    expect(out).toContain('the rest.');
  });

  it('prices are not math: a $ needs a non-space inside and no digit after its closing $', () => {
    for (const text of ['It costs $5 and $10 today.', 'Price: $3.50, or $4 each.', 'From $ 5 to $ 6.']) {
      const out = html(text);
      expect(out, text).not.toContain('katex');
      expect(out, text).toContain('$');
    }
    expect(html('Between $5 and $10, where $x$ is the price.')).toContain('<annotation encoding="application/x-tex">x</annotation>');
  });

  it('raw HTML stays inert', () => {
    const out = html('Hello <img src=x onerror="alert(1)"> <script>alert(2)</script> $1+1$');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('class="katex"');
  });
});

describe('other markdown of answers', () => {
  it('GFM task lists render as checkboxes', () => {
    const out = html('- [x] done\n- [ ] to do');
    expect(out).toContain('contains-task-list');
    expect(count(out, 'type="checkbox"')).toBe(2);
    expect(count(out, 'checked=""')).toBe(1);
  });
});
