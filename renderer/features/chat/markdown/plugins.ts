// The markdown dialect of answers: GFM, plus CJK-friendly emphasis so `**天空：**晴` is bold
// (CommonMark's flanking rules fail when full-width punctuation touches the delimiter), plus math
// (`$…$`, `$$…$$`; math.ts turns `\(…\)` and `\[…\]` into those) rendered by KaTeX.
import type { Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';

export const remarkPlugins = [remarkGfm, remarkCjkFriendly, remarkMath];

/** KaTeX first, so math is never taken for code to highlight. `trust: false` keeps \href and \html… inert. */
export const rehypePlugins: NonNullable<Options['rehypePlugins']> = [[rehypeKatex, { trust: false, strict: 'ignore' }], rehypeHighlight];
