/**
 * The custom messages between the VS Code client and the language server, typed once: each side
 * sends and handles them through these objects, never by a method name in a string.
 */
import { NotificationType } from 'vscode-languageserver-protocol';
import type { NodeStreamsSettings } from './settings.js';

/**
 * What the client passes in `initializationOptions`. Workspace trust comes only from here (or the
 * workspace trust notification), never from settings, which a workspace can set itself.
 */
export interface InitializationOptions {
  workspaceTrusted?: boolean;
  /** The settings, as `{ config: 'strict' }` or, as editors keep them, `{ nodeStreams: { config: 'strict' } }`. */
  settings?: Partial<NodeStreamsSettings> | { nodeStreams?: Partial<NodeStreamsSettings> };
}

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** Client to server: the user trusted (or stopped trusting) the workspace. */
export const workspaceTrustNotification = new NotificationType<WorkspaceTrustParams>('nodeStreams/workspaceTrust');

export interface StatusParams {
  uri: string;
  state: 'ok' | 'skipped' | 'slow' | 'error';
  message?: string;
}

/** Server to client: a file was skipped (too large, binary), is slow to lint, or is linted again. */
export const statusNotification = new NotificationType<StatusParams>('nodeStreams/status');

/** The server's command behind "Show documentation for …": its one argument is the page's URL. */
export const showDocumentationCommand = 'nodeStreams.server.showDocumentation';
