// Connection profiles: several gateways side by side, each with its own base URL, default protocol,
// auth header style, optional proxy and its own keychain entry (the key itself never appears here).
import { z } from 'zod';
import { AnthropicAuth, KeyStatus, Protocol } from './domain';

/** The profile every install has: its base URL and auth style are the Settings dialog's own fields. */
export const DEFAULT_PROFILE_ID = 'default';

export const ProfilePreset = z.enum(['yibu', 'openai', 'anthropic', 'deepseek', 'custom']);
export type ProfilePreset = z.infer<typeof ProfilePreset>;

/** Bearer, x-api-key or both: which header carries the key (Anthropic Messages requests). */
export const AuthStyle = AnthropicAuth;
export type AuthStyle = AnthropicAuth;

export const Profile = z.object({
  id: z.string(),
  name: z.string(),
  preset: ProfilePreset,
  baseUrl: z.string(),
  protocol: Protocol,
  authStyle: AuthStyle,
  /** http(s)://host:port of a proxy for this profile's requests; null = the system's (Electron) or none */
  proxyUrl: z.string().nullable(),
});
export type Profile = z.infer<typeof Profile>;

/** A profile as the renderer sees it: with what may be said about its key, never the key. */
export const ProfileView = Profile.extend({ key: KeyStatus });
export type ProfileView = z.infer<typeof ProfileView>;

export const ProfileInput = z
  .object({
    /** absent: a new profile */
    id: z.string().min(1).max(200).optional(),
    name: z.string().trim().min(1).max(100),
    preset: ProfilePreset,
    baseUrl: z.string().trim().min(1).max(2000),
    protocol: Protocol,
    authStyle: AuthStyle,
    proxyUrl: z.string().trim().max(2000).nullable(),
  })
  .strict();
export type ProfileInput = z.infer<typeof ProfileInput>;

export interface PresetInfo {
  preset: ProfilePreset;
  name: string;
  baseUrl: string;
  protocol: Protocol;
  authStyle: AuthStyle;
}

/** What "add profile" pre-fills; every field stays editable. */
export const PROFILE_PRESETS: readonly PresetInfo[] = [
  { preset: 'yibu', name: '一步API', baseUrl: 'https://yibuapi.com', protocol: 'openai-chat', authStyle: 'bearer' },
  { preset: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com', protocol: 'openai-chat', authStyle: 'bearer' },
  { preset: 'anthropic', name: 'Anthropic', baseUrl: 'https://api.anthropic.com', protocol: 'anthropic-messages', authStyle: 'x-api-key' },
  { preset: 'deepseek', name: 'DeepSeek', baseUrl: 'https://api.deepseek.com', protocol: 'openai-chat', authStyle: 'bearer' },
  { preset: 'custom', name: '', baseUrl: '', protocol: 'openai-chat', authStyle: 'bearer' },
];

/** A proxy URL is http(s)://host[:port] with nothing else; returns it normalized, or null. */
export function normalizeProxyUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
  return `${url.protocol}//${url.host}`;
}
