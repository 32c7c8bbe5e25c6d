// The markdown dialect of answers: GFM, plus CJK-friendly emphasis so `**天空：**晴` is bold
// (CommonMark's flanking rules fail when full-width punctuation touches the delimiter).
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';

export const remarkPlugins = [remarkGfm, remarkCjkFriendly];
