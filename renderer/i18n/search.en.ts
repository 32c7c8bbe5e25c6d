// English strings of search: message results, find in thread, links to a message.
// search.zh-CN.ts must have exactly these keys (checked by its type).
export const searchEn = {
  results: 'Messages',
  resultsLabel: 'Messages matching the search',
  searching: 'Searching…',
  noResults: 'No message contains “{{query}}”',
  role: {
    user: 'You',
    assistant: 'Assistant',
    tool: 'Tool',
  },
  untitled: 'New thread',
  find: 'Find in thread',
  findNext: 'Next match (Enter)',
  findPrev: 'Previous match (Shift+Enter)',
  findClose: 'Close (Esc)',
  findNone: 'No matches',
  findCount: '{{current}}/{{total}}',
  findCountMore: '{{current}}/{{total}}+',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
  messageGone: 'That message is no longer here — it may have been deleted.',
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type SearchStrings = Strings<typeof searchEn>;
