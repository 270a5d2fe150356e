// The desktop shell's security policy as plain values and functions, with no 'electron' import,
// so that tests (tests/security/electron.test.ts) check the very settings main.ts applies
// without the Electron binary: the window's webPreferences, the Content-Security-Policy, which
// navigations, new windows and requests are allowed, and the check of every IPC call (its
// sender frame, its method and its parameters against the core/api schema).
import { METHODS, type MethodName } from '../core/api/index.js';

/** The BrowserWindow's webPreferences (main.ts adds the preload path). */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** Sent with every response of the app's session (onHeadersReceived). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Svelte transitions and ECharts set element styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The URL without fragment and query: the page, whatever the UI's state. */
const page = (url: string) => {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? `${u.protocol}//${u.host}${u.pathname}` : undefined;
  } catch {
    return undefined;
  }
};

/** Whether `url` is the app's own page (`appUrl`: the file:// URL of renderer/index.html). */
export function isAppPage(url: string, appUrl: string): boolean {
  const p = page(url);
  return p !== undefined && p === page(appUrl);
}

/** will-navigate: the window only ever shows the app's page. */
export function navigationAllowed(url: string, appUrl: string): boolean {
  return isAppPage(url, appUrl);
}

/**
 * setWindowOpenHandler: no window is ever opened. An http(s) link is handed to the system
 * browser instead (the app itself makes no request).
 */
export function windowOpenPolicy(url: string): { action: 'deny'; openExternally: boolean } {
  let external: boolean;
  try {
    const u = new URL(url);
    external = (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '';
  } catch {
    external = false;
  }
  return { action: 'deny', openExternally: external };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** webRequest.onBeforeRequest: local pages and resources, and loopback HTTP only. */
export function requestAllowed(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (['file:', 'devtools:', 'data:', 'blob:'].includes(u.protocol)) return true;
  // The host as URL parses it: "http://127.0.0.1:80@evil.example/" is evil.example.
  return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.has(u.hostname);
}

/** What main.ts knows of an IPC message's sender. */
export interface SenderInfo {
  /** The sender is our window's webContents. */
  fromOurWindow: boolean;
  /** The sending frame is that window's main frame (not an iframe). */
  mainFrame: boolean;
  /** The sending frame's URL ('' when the frame is gone). */
  frameUrl: string;
}

/** Only our own window's main frame, showing our own page, may talk to the engine. */
export function trustedSender(s: SenderInfo, appUrl: string): boolean {
  return s.fromOurWindow && s.mainFrame && isAppPage(s.frameUrl, appUrl);
}

/**
 * An API call's method and parameters, checked with the core/api schema before anything runs.
 * Throws for an unknown method or parameters the method's schema rejects.
 */
export function checkCall(
  method: unknown,
  params: unknown,
): { method: MethodName; params: unknown } {
  if (typeof method !== 'string' || !Object.hasOwn(METHODS, method))
    throw new Error(`unknown method ${JSON.stringify(method)}`);
  const m = method as MethodName;
  const parsed = METHODS[m].params.safeParse(params ?? {});
  if (!parsed.success)
    throw new Error(
      `invalid parameters for ${m}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ')}`,
    );
  return { method: m, params: parsed.data };
}

/**
 * The `sightline:invoke` handler: refuses a foreign sender, then a bad method or parameters,
 * and only then relays the call (to the engine process).
 */
export function invokeHandler<E>(
  sender: (e: E) => SenderInfo,
  appUrl: string,
  relay: (method: MethodName, params: unknown) => Promise<unknown>,
): (e: E, method: unknown, params: unknown) => Promise<unknown> {
  return async (e, method, params) => {
    if (!trustedSender(sender(e), appUrl)) throw new Error('refused: unknown sender');
    const call = checkCall(method, params);
    return relay(call.method, call.params);
  };
}

/** What the page may ask of the native dialogs: open a data file, or pick where to save. */
export type DialogRequest = { kind: 'open' } | { kind: 'save'; defaultPath?: string };

/** Checks a dialog request's shape; anything else is refused. */
export function checkDialogRequest(request: unknown): DialogRequest {
  const r = request as { kind?: unknown; defaultPath?: unknown } | null;
  if (r && typeof r === 'object' && r.kind === 'open') return { kind: 'open' };
  if (r && typeof r === 'object' && r.kind === 'save') {
    if (r.defaultPath === undefined) return { kind: 'save' };
    if (
      typeof r.defaultPath === 'string' &&
      r.defaultPath.length <= 4096 &&
      !r.defaultPath.includes('\0')
    )
      return { kind: 'save', defaultPath: r.defaultPath };
  }
  throw new Error('refused: a dialog request is {kind: "open"} or {kind: "save", defaultPath?}');
}

/** The 'sightline:dialog' IPC handler: the same sender check as API calls, then the dialog. */
export function dialogHandler<E>(
  sender: (e: E) => SenderInfo,
  appUrl: string,
  show: (request: DialogRequest) => Promise<string | null>,
): (e: E, request: unknown) => Promise<string | null> {
  return async (e, request) => {
    if (!trustedSender(sender(e), appUrl)) throw new Error('refused: unknown sender');
    return show(checkDialogRequest(request));
  };
}
