// Assistant text as markdown (GFM, math, highlighted code), never raw HTML. The text is split into
// blocks and each block is a memoized component: while an answer streams, only the last block
// (the one still growing) is parsed again.
import { memo, useMemo } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import { splitBlocks } from './blocks';
import { CodeBlock } from './CodeBlock';
import { BlockedImage, ExternalLink, ScrollTable } from './elements';
import { normalizeMathDelimiters } from './math';
import { rehypeMath, remarkPlugins } from './plugins';

const rehypePlugins: Options['rehypePlugins'] = [...rehypeMath, rehypeHighlight];
const components: Components = {
  a: ExternalLink,
  img: BlockedImage,
  pre: CodeBlock,
  table: ScrollTable,
};

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components} skipHtml>
      {text}
    </ReactMarkdown>
  );
});

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const blocks = useMemo(() => splitBlocks(normalizeMathDelimiters(text)), [text]);
  return (
    <div className="markdown" data-testid="message-text">
      {blocks.map((block, i) => (
        <MarkdownBlock key={i} text={block} />
      ))}
    </div>
  );
});
