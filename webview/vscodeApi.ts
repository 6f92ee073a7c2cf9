/**
 * Typed access to the API VS Code injects into the webview. `acquireVsCodeApi`
 * may be called only once per page, so everything goes through this module.
 */
import type { PersistedState, WebviewMessage } from '../src/protocol';
import { isPersistedState } from '../src/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function saveState(state: PersistedState): void {
  api.setState(state);
}

/** The state saved before a reload, if it is still in a shape we understand. */
export function loadState(): PersistedState | undefined {
  const state = api.getState();
  return isPersistedState(state) ? state : undefined;
}
