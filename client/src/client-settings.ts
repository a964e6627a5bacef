/**
 * The settings the client reads. The server's settings have their one definition in
 * server/src/settings.ts; the only client-side setting, `snippets.levels`, is defined here.
 * `contributes.configuration` is generated from both (`npm run manifest`).
 */
import { levels, type Level } from '../../snippets/src/library.js';
import { settingDescriptions, type NodeStreamsSettings, type SettingDescription } from '../../server/src/settings.js';

export interface ClientSettings {
  'snippets.levels': Level[];
}

export const clientSettingDescriptions: Record<keyof ClientSettings, SettingDescription> = {
  'snippets.levels': {
    type: 'array',
    enum: levels,
    description: 'Offer the snippets of these levels in completions and in "Node Streams: Insert Snippet…".',
  },
};

export const defaultClientSettings: ClientSettings = { 'snippets.levels': [...levels] };

/** Settings that could make the server load workspace code: ignored in an untrusted workspace. */
export const restrictedSettings: (keyof NodeStreamsSettings)[] = ['useProjectConfig'];

/** Reads `snippets.levels` from a configuration section, keeping only valid levels. */
export function snippetLevels(configured: unknown): Level[] {
  if (!Array.isArray(configured)) return [...levels];
  return levels.filter((level) => configured.includes(level));
}

/** The server's settings, as the client passes them in `initializationOptions`. */
export function serverSettingsFrom(get: (key: string) => unknown): Partial<NodeStreamsSettings> {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(settingDescriptions)) {
    const value = get(key);
    if (value !== undefined) settings[key] = value;
  }
  return settings as Partial<NodeStreamsSettings>;
}
