// main's check of a tool set (issues located by JSON pointers into it), split by where they belong:
// a tool's name, description, schema or run settings, or the tool set as a whole.
import type { CheckResult, Issue } from '../../../shared/tools';

export type Severity = 'error' | 'warning';
export interface ShownIssue extends Issue {
  severity: Severity;
  /** the pointer inside what the issue is about ("/properties/x" inside the schema) */
  local: string;
}

export type ToolField = 'name' | 'description' | 'inputSchema' | 'run' | 'other';

export interface ToolIssues {
  byField: Record<ToolField, ShownIssue[]>;
  errors: number;
  warnings: number;
}

const FIELDS: ToolField[] = ['name', 'description', 'inputSchema', 'run'];

function all(check: CheckResult | null): ShownIssue[] {
  if (!check) return [];
  const errors = check.ok ? [] : check.errors;
  return [
    ...errors.map((i) => ({ ...i, severity: 'error' as const, local: i.path })),
    ...check.warnings.map((i) => ({ ...i, severity: 'warning' as const, local: i.path })),
  ];
}

export function emptyToolIssues(): ToolIssues {
  return { byField: { name: [], description: [], inputSchema: [], run: [], other: [] }, errors: 0, warnings: 0 };
}

/** Issues of each tool (by index) and those of the set itself (tool_choice, the root). */
export function splitIssues(check: CheckResult | null, toolCount: number): { tools: ToolIssues[]; general: ShownIssue[] } {
  const tools = Array.from({ length: toolCount }, emptyToolIssues);
  const general: ShownIssue[] = [];
  for (const issue of all(check)) {
    const m = /^\/tools\/(\d+)(\/([^/]*))?(.*)$/.exec(issue.path);
    const index = m ? Number(m[1]) : -1;
    const target = tools[index];
    if (!m || !target) {
      general.push(issue);
      continue;
    }
    const field = (FIELDS as string[]).includes(m[3] ?? '') ? (m[3] as ToolField) : 'other';
    const local = field === 'other' ? (m[2] ?? '') + (m[4] ?? '') : (m[4] ?? '');
    target.byField[field].push({ ...issue, local });
    if (issue.severity === 'error') target.errors++;
    else target.warnings++;
  }
  return { tools, general };
}
