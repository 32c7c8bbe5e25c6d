// The markdown dialect of answers: GFM, plus CJK-friendly emphasis so `**天空：**晴` is bold
// (CommonMark's flanking rules fail when full-width punctuation touches the delimiter), plus math
// (`$…$`, `$$…$$`; math.ts turns `\(…\)` and `\[…\]` into those) rendered by KaTeX.
import type { Options } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';

export const remarkPlugins = [remarkGfm, remarkCjkFriendly, remarkMath];

/** KaTeX with `trust: false`, which keeps \href and \html… inert. Markdown.tsx runs it before highlighting,
 * so math is never taken for code. (rehype-highlight stays out of this module: its types pull in the DOM
 * library, and this module is also type-checked with the Node tests.) */
export const rehypeMath: NonNullable<Options['rehypePlugins']> = [[rehypeKatex, { trust: false, strict: 'ignore' }]];
