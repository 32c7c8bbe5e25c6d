// 提示词缓存的中文文案；键与 cache.en.ts 完全一致（由类型检查）。
import type { cacheEn } from './cache.en';

export const cacheZhCN: typeof cacheEn = {
  mode: '提示词缓存',
  modeHelp: 'Claude：为工具、系统提示词和最新一轮标记缓存。缓存 1 小时的写入费用更高。',
  modes: { off: '关闭', '5m': '5 分钟', '1h': '1 小时' },
  openaiAutomatic: 'OpenAI 格式会自动缓存较长的提示词，无需设置。',
  summary: '缓存 {{value}}',
  summaryModes: { off: '关', '5m': '5 分钟', '1h': '1 小时' },
  answerTitle: '提示词缓存：写入 {{write}} 个 token，读取 {{read}} 个',
  hitRate: '缓存命中 {{rate}}',
  saved: '节省 {{amount}}',
  lost: '缓存多花 {{amount}}',
  threadTitle:
    '缓存命中率：从缓存读取的输入 token / 全部输入 token（含缓存部分）（{{prompt}} 中的 {{read}}；写入 {{write}}）。\n节省：缓存读取的 token 按输入价格本应花费的金额，减去其缓存读取价格和缓存写入的额外费用。',
  defaultMode: 'Claude 线程的提示词缓存',
  defaultModeHelp: '仅限 Anthropic 格式；线程可在“参数”中单独设置。',
};
