// "Copy as plain text": an answer's markdown read the way a person reads the rendered message — no
// asterisks, hashes or fences; paragraphs, list items and table rows on their own lines.
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'html':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inline).join('') : 'value' in node ? String(node.value) : '';
  }
}

function block(node: Nodes, depth: number): string {
  switch (node.type) {
    case 'code':
      return node.value;
    case 'thematicBreak':
      return '';
    case 'list':
      return node.children
        .map((item, i) => {
          const mark = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
          const bullet = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          const body = item.children.map((c) => block(c, depth + 1)).join('\n');
          return `${'  '.repeat(depth)}${bullet}${mark}${body.trimStart()}`;
        })
        .join('\n');
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell).trim()).join('\t')).join('\n');
    case 'blockquote':
      return node.children.map((c) => block(c, depth)).join('\n\n');
    default:
      return inline(node);
  }
}

/** The text of `markdown` without its markup. */
export function markdownToPlainText(markdown: string): string {
  const root = parser.parse(markdown) as Root;
  return root.children
    .map((c) => block(c, 0))
    .filter((s) => s.length > 0)
    .join('\n\n');
}
