// English strings of prompt caching (the cache setting, cache tokens per answer, the thread's hit rate).
// cache.zh-CN.ts must have exactly these keys (checked by its type).
export const cacheEn = {
  mode: 'Prompt cache',
  modeHelp: 'Claude: marks the tools, system prompt and latest turn for caching. Writing for 1 hour costs more.',
  modes: { off: 'Off', '5m': '5 minutes', '1h': '1 hour' },
  openaiAutomatic: 'OpenAI format caches long prompts by itself: nothing to set.',
  summary: 'cache {{value}}',
  summaryModes: { off: 'off', '5m': '5 min', '1h': '1 h' },
  answerTitle: 'Prompt cache: {{write}} tokens written, {{read}} read',
  hitRate: '{{rate}} cache hits',
  saved: 'saved {{amount}}',
  lost: 'cache cost {{amount}} more',
  threadTitle:
    'Cache hit rate: input tokens read from the cache / all input tokens, cached ones included ({{read}} of {{prompt}}; {{write}} written).\nSaved: what the cache reads would have cost at the input price, less their cache-read price and the extra paid for cache writes.',
  defaultMode: 'Prompt cache of Claude threads',
  defaultModeHelp: 'Anthropic format only; a thread can set its own under Parameters.',
};
