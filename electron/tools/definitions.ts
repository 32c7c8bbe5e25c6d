// Tool definitions and tool sets: the schemas, their validation, the presets, import/export and the
// converters to each API's request shape. One entry point; the pieces live in their own files.
export * from './schema';
export {
  DESCRIPTION_LIMITS,
  createInputValidator,
  validateToolDefinition,
  validateToolInput,
  validateToolSet,
  type ValidateOptions,
} from './validation';
export { PRESET_NAMES, presetTool, type PresetName } from './presets';
export {
  EXPORT_FORMAT,
  exportToolSet,
  importToolSet,
  toAnthropicToolChoice,
  toAnthropicTools,
  toOpenAIToolChoice,
  toOpenAITools,
  type AnthropicTool,
  type AnthropicToolChoice,
  type ImportResult,
  type ImportSource,
  type OpenAITool,
  type OpenAIToolChoice,
} from './interchange';
