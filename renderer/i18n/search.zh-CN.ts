// 搜索相关的简体中文文案：消息结果、会话内查找、消息链接。类型要求与 search.en.ts 的键完全一致。
import type { SearchStrings } from './search.en';

export const searchZhCN: SearchStrings = {
  results: '消息',
  resultsLabel: '与搜索匹配的消息',
  searching: '正在搜索…',
  noResults: '没有消息包含“{{query}}”',
  role: {
    user: '你',
    assistant: '助手',
    tool: '工具',
  },
  untitled: '新会话',
  find: '在会话中查找',
  findNext: '下一个匹配（Enter）',
  findPrev: '上一个匹配（Shift+Enter）',
  findClose: '关闭（Esc）',
  findNone: '无匹配',
  findCount: '{{current}}/{{total}}',
  findCountMore: '{{current}}/{{total}}+',
  copyLink: '复制链接',
  linkCopied: '链接已复制',
  messageGone: '该消息已不在此处，可能已被删除。',
};
