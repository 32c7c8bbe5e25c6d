// The tool-call playground's main-side API: definitions and validation, the sandbox, the executor and the
// tool loop. No electron import anywhere below here.
export * from './definitions';
export { renderTemplate } from './template';
export {
  BACKSTOP_MARGIN_MS,
  Sandbox,
  disposeSandbox,
  runScript,
  warmUpSandbox,
  type RunScriptOptions,
  type RunScriptResult,
  type ScriptErrorKind,
} from './sandbox';
export {
  createToolExecutor,
  executeTool,
  manualSkeleton,
  type ExecuteOptions,
  type ExecuteResult,
  type ToolExecutorOptions,
} from './executor';
export * from './loop';
