// Assistant text as markdown (GFM, math, highlighted code), never raw HTML. The text is split into
// blocks and each block is a memoized component: while an answer streams, only the last block
// (the one still growing) is parsed again. Finished blocks are parsed once and kept across mounts
// (render-cache.ts), and their code is highlighted in idle time, not in the frame that shows them.
import { memo, useEffect, useMemo, useState } from 'react';
import renderMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import { splitBlocks } from './blocks';
import { CodeBlock } from './CodeBlock';
import { BlockedImage, ExternalLink, ScrollTable } from './elements';
import { normalizeMathDelimiters } from './math';
import { rehypeMath, remarkPlugins } from './plugins';
import { cachedBlock, cachedSplit, hasCode, highlightedBlock, highlightLater } from './render-cache';

const rehypePlugins: Options['rehypePlugins'] = [...rehypeMath, rehypeHighlight];
const components: Components = {
  a: ExternalLink,
  img: BlockedImage,
  pre: CodeBlock,
  table: ScrollTable,
};

// react-markdown's synchronous Markdown uses no hooks: called as a function it returns the element tree,
// which the cache can hand to any later mount.
const parse = (text: string, highlight: boolean) =>
  renderMarkdown({ remarkPlugins, rehypePlugins: highlight ? rehypePlugins : rehypeMath, components, skipHtml: true, children: text });

/** A block still growing (the end of a streaming answer): parsed on every change, not cached, not highlighted. */
const LiveBlock = memo(function LiveBlock({ text }: { text: string }) {
  return parse(text, false);
});

const FinishedBlock = memo(function FinishedBlock({ text }: { text: string }) {
  const code = hasCode(text);
  const [highlighted, setHighlighted] = useState(() => (code ? highlightedBlock(text) : undefined));
  useEffect(() => {
    if (!code || highlighted) return;
    return highlightLater(text, () => parse(text, true), () => setHighlighted(highlightedBlock(text)));
  }, [code, text, highlighted]);
  return highlighted ?? cachedBlock(text, () => parse(text, false)).element;
});

export const Markdown = memo(function Markdown({ text, live = false }: { text: string; live?: boolean }) {
  const blocks = useMemo(() => {
    const split = (t: string) => splitBlocks(normalizeMathDelimiters(t));
    return live ? split(text) : cachedSplit(text, split);
  }, [text, live]);
  return (
    <div className="markdown" data-testid="message-text">
      {blocks.map((block, i) =>
        live && i === blocks.length - 1 ? <LiveBlock key={i} text={block} /> : <FinishedBlock key={i} text={block} />,
      )}
    </div>
  );
});
