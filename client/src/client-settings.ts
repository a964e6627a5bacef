/**
 * Reading the settings in the client. Every setting has its one definition in
 * protocol/src/settings.ts; this file only reads them through VS Code's configuration.
 */
import { levels, type Level } from 'eslint-plugin-node-streams/skill-tree';
import { serverSettingDefinitions, type NodeStreamsSettings } from '../../protocol/src/settings.js';

/** Reads `snippets.levels` from a configuration section, keeping only valid levels, in teaching order. */
export function snippetLevels(configured: unknown): Level[] {
  if (!Array.isArray(configured)) return [...levels];
  return levels.filter((level) => configured.includes(level));
}

/** The server's settings, as the client passes them in `initializationOptions`. */
export function serverSettingsFrom(get: (key: string) => unknown): Partial<NodeStreamsSettings> {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(serverSettingDefinitions)) {
    const value = get(key);
    if (value !== undefined) settings[key] = value;
  }
  return settings as Partial<NodeStreamsSettings>;
}
