// The playground's preset tools. `get_weather` is exactly the gateway docs' example (name, description,
// input_schema), answered by a mock; `calculator` and `current_time` are sandboxed scripts.
import type { ToolDefinition } from './schema';

const WEATHER_MOCK = `{
  "location": "{{input.location}}",
  "temperature": 18,
  "unit": "celsius",
  "conditions": "Partly cloudy",
  "humidity": 62,
  "wind_kph": 14
}`;

// Arithmetic by a small recursive-descent parser: the expression is never evaluated as JavaScript.
// Grammar: expr = term (("+"|"-") term)* ; term = unary (("*"|"/"|"%") unary)* ;
// unary = ("+"|"-") unary | power ; power = primary (("^"|"**") unary)? ;
// primary = number | constant | function "(" expr ")" | "(" expr ")".
const CALCULATOR_CODE = String.raw`const src = String(input.expression ?? '');
const FUNCS = { sqrt: Math.sqrt, abs: Math.abs, round: Math.round, floor: Math.floor, ceil: Math.ceil,
  sin: Math.sin, cos: Math.cos, tan: Math.tan, ln: Math.log, log: Math.log10, exp: Math.exp };
const CONSTS = { pi: Math.PI, e: Math.E };
const tokens = [];
const re = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(\*\*|[-+*\/%^()×÷])|([a-zA-Z]+))/y;
let pos = 0;
while (pos < src.length) {
  if (/^\s*$/.test(src.slice(pos))) break;
  re.lastIndex = pos;
  const m = re.exec(src);
  if (!m) throw new Error('Unexpected character "' + src.slice(pos).trim()[0] + '" at position ' + (pos + 1));
  if (m[1] !== undefined) tokens.push({ num: Number(m[1]) });
  else if (m[2] !== undefined) tokens.push({ op: m[2] === '×' ? '*' : m[2] === '÷' ? '/' : m[2] });
  else tokens.push({ name: m[3].toLowerCase() });
  pos = re.lastIndex;
}
if (tokens.length === 0) throw new Error('The expression is empty');
let i = 0;
const peek = () => tokens[i];
const isOp = (t, op) => t !== undefined && t.op === op;
function expect(op) {
  if (!isOp(peek(), op)) throw new Error('Expected "' + op + '"');
  i++;
}
function expr() {
  let v = term();
  while (isOp(peek(), '+') || isOp(peek(), '-')) v = tokens[i++].op === '+' ? v + term() : v - term();
  return v;
}
function term() {
  let v = unary();
  for (;;) {
    const t = peek();
    if (isOp(t, '*')) { i++; v = v * unary(); }
    else if (isOp(t, '/')) { i++; const d = unary(); if (d === 0) throw new Error('Division by zero'); v = v / d; }
    else if (isOp(t, '%')) { i++; const d = unary(); if (d === 0) throw new Error('Division by zero'); v = v % d; }
    else return v;
  }
}
function unary() {
  if (isOp(peek(), '-')) { i++; return -unary(); }
  if (isOp(peek(), '+')) { i++; return unary(); }
  return power();
}
function power() {
  const base = primary();
  if (isOp(peek(), '^') || isOp(peek(), '**')) { i++; return Math.pow(base, unary()); }
  return base;
}
function primary() {
  const t = tokens[i++];
  if (t === undefined) throw new Error('The expression ends too early');
  if (t.num !== undefined) return t.num;
  if (t.op === '(') { const v = expr(); expect(')'); return v; }
  if (t.name !== undefined) {
    if (Object.prototype.hasOwnProperty.call(CONSTS, t.name)) return CONSTS[t.name];
    if (Object.prototype.hasOwnProperty.call(FUNCS, t.name)) { expect('('); const v = expr(); expect(')'); return FUNCS[t.name](v); }
    throw new Error('Unknown name "' + t.name + '"');
  }
  throw new Error('Unexpected "' + t.op + '"');
}
const result = expr();
if (i < tokens.length) throw new Error('Unexpected "' + (tokens[i].op ?? tokens[i].name ?? tokens[i].num) + '"');
if (!Number.isFinite(result)) throw new Error('The result is not a finite number');
return { expression: src, result };`;

// QuickJS has no Intl: named time zones cannot be resolved inside the sandbox, so the script answers in
// UTC for them (and says so); fixed offsets like "+08:00" or "UTC-5" are computed. If a future QuickJS
// build has Intl, the script uses it.
const CURRENT_TIME_CODE = String.raw`const now = new Date();
const tz = input && typeof input.timezone === 'string' ? input.timezone.trim() : '';
const out = { utc: now.toISOString(), unix: Math.floor(now.getTime() / 1000) };
if (!tz || /^(utc|gmt|z)$/i.test(tz)) { out.timezone = 'UTC'; return out; }
const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(tz);
if (m) {
  const mins = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0));
  if (Math.abs(mins) > 14 * 60) throw new Error('UTC offset out of range: ' + tz);
  const abs = Math.abs(mins);
  const offset = (mins < 0 ? '-' : '+') + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
  out.timezone = tz;
  out.local = new Date(now.getTime() + mins * 60000).toISOString().slice(0, 19) + offset;
  return out;
}
if (typeof Intl !== 'undefined' && typeof Intl.DateTimeFormat === 'function') {
  let text;
  try {
    text = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  } catch (e) { throw new Error('Unknown time zone: ' + tz); }
  out.timezone = tz;
  out.local = text;
  return out;
}
out.timezone = 'UTC';
out.note = 'Named time zones such as "' + tz + '" are not available in the sandbox; the time is in UTC. An offset like "+08:00" works.';
return out;`;

const PRESETS = {
  get_weather: {
    name: 'get_weather',
    description: 'Get the current weather in a given location',
    inputSchema: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
      },
      required: ['location'],
    },
    run: { mode: 'mock', result: WEATHER_MOCK },
  },
  calculator: {
    name: 'calculator',
    description:
      'Evaluate an arithmetic expression and return the number. Supports + - * / % ^, parentheses, ' +
      'the constants pi and e, and sqrt, abs, round, floor, ceil, sin, cos, tan, ln, log (base 10), exp.',
    inputSchema: {
      type: 'object',
      properties: {
        expression: { type: 'string', description: 'The expression, e.g. "(2 + 3) * 4 / 7"' },
      },
      required: ['expression'],
    },
    run: { mode: 'script', code: CALCULATOR_CODE },
  },
  current_time: {
    name: 'current_time',
    description:
      'Get the current date and time. Without a timezone the answer is in UTC; a UTC offset such as "+08:00" ' +
      'gives the local time there.',
    inputSchema: {
      type: 'object',
      properties: {
        timezone: { type: 'string', description: 'Optional: "UTC" or a UTC offset such as "+08:00" or "UTC-5"' },
      },
    },
    run: { mode: 'script', code: CURRENT_TIME_CODE },
  },
} satisfies Record<string, ToolDefinition>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** A fresh copy of a preset tool, ready to be edited. */
export function presetTool(name: PresetName): ToolDefinition {
  return structuredClone(PRESETS[name]) as ToolDefinition;
}
