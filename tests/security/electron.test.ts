// The desktop shell's security settings, checked without the Electron binary: main.ts applies
// the values and functions of electron/security.ts (which imports nothing of Electron), and
// this test asserts them, and that main.ts does use them. The web host's CSP and session token
// are covered by cli/host/web.test.ts; its CSP is checked here against the same rules.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  checkCall,
  CONTENT_SECURITY_POLICY,
  checkDialogRequest,
  dialogHandler,
  invokeHandler,
  navigationAllowed,
  requestAllowed,
  trustedSender,
  WEB_PREFERENCES,
  windowOpenPolicy,
  type DialogRequest,
  type SenderInfo,
} from '../../electron/security.js';
import { CONTENT_SECURITY_POLICY as WEB_CSP } from '../../cli/host/web.js';

const appUrl = pathToFileURL('/opt/Sightline/resources/app/dist/renderer/index.html').href;
const main = readFileSync('electron/main.ts', 'utf8');

/** CSP directives as a map: name → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectStrictCsp(csp: string) {
  const d = directives(csp);
  expect(['self', 'none'].map((s) => `'${s}'`)).toContain(d.get('default-src')?.[0]);
  expect(d.get('default-src')).toHaveLength(1);
  expect(d.get('script-src') ?? d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
  // No remote origins, no schemes that reach the network, no wildcards.
  for (const [name, sources] of d)
    for (const s of sources)
      expect(s, `${name} ${s}`).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
  // Inline styles at most: never inline script.
  expect(d.get('script-src')).not.toContain("'unsafe-inline'");
}

describe('Electron window', () => {
  it('has context isolation, the sandbox, no Node in the page and web security on', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    // main.ts creates its window with exactly these (plus the preload), nothing else.
    expect(main).toMatch(
      /webPreferences: \{ \.\.\.WEB_PREFERENCES, preload: join\(here, 'preload\.cjs'\) \}/,
    );
    expect(main.match(/webPreferences/g)).toHaveLength(1);
    expect(main).not.toMatch(/contextIsolation|nodeIntegration|sandbox:|webSecurity/);
  });

  it('sends a strict Content-Security-Policy', () => {
    expectStrictCsp(CONTENT_SECURITY_POLICY);
    expect(main).toMatch(/'Content-Security-Policy': \[CONTENT_SECURITY_POLICY\]/);
  });

  it('denies navigation away from the app page and every new window', () => {
    expect(navigationAllowed(appUrl, appUrl)).toBe(true);
    expect(navigationAllowed(`${appUrl}#/models`, appUrl)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8000/',
      'file:///etc/passwd',
      'file:///opt/Sightline/resources/app/dist/renderer/other.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
    ])
      expect(navigationAllowed(url, appUrl), url).toBe(false);
    for (const url of ['https://example.com/', appUrl, 'javascript:1', 'file:///etc/passwd'])
      expect(windowOpenPolicy(url).action, url).toBe('deny');
    // Only plain http(s) links go to the system browser; never files or scripts.
    expect(windowOpenPolicy('https://example.com/docs').openExternally).toBe(true);
    expect(windowOpenPolicy('file:///etc/passwd').openExternally).toBe(false);
    expect(windowOpenPolicy('javascript:alert(1)').openExternally).toBe(false);
    expect(main).toMatch(/on\('will-navigate', noNavigation\)/);
    expect(main).toMatch(/setWindowOpenHandler/);
    expect(main).toMatch(/return \{ action: policy\.action \}/);
  });

  it('lets only local and loopback requests out', () => {
    for (const url of [
      `${appUrl}`,
      'data:image/png;base64,AAAA',
      'blob:file:///0f6e',
      'http://127.0.0.1:8000/health',
      'http://localhost:5173/',
      'http://[::1]:8000/',
    ])
      expect(requestAllowed(url), url).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://203.0.113.1/',
      'ws://127.0.0.1.evil.example/',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
      // userinfo: the host here is evil.example (the regular expression main.ts used to have
      // let this one through)
      'http://127.0.0.1:80@evil.example/',
      'http://localhost@evil.example/',
      'ftp://127.0.0.1/',
      'not a url',
    ])
      expect(requestAllowed(url), url).toBe(false);
    expect(main).toMatch(/cb\(\{ cancel: !requestAllowed\(details\.url\) \}\)/);
  });
});

describe('Electron IPC', () => {
  const ours: SenderInfo = { fromOurWindow: true, mainFrame: true, frameUrl: `${appUrl}#/data` };

  it('accepts only the main frame of our window showing our page', () => {
    expect(trustedSender(ours, appUrl)).toBe(true);
    // a sub-frame of our window, even one showing our page
    expect(trustedSender({ ...ours, mainFrame: false }, appUrl)).toBe(false);
    // another window or webContents (a devtools extension, a second window)
    expect(trustedSender({ ...ours, fromOurWindow: false }, appUrl)).toBe(false);
    // our window's main frame after it was somehow made to show another page
    for (const frameUrl of [
      'https://evil.example/',
      'file:///tmp/evil.html',
      'http://127.0.0.1:8000/',
      'about:blank',
      '',
    ])
      expect(trustedSender({ ...ours, frameUrl }, appUrl), frameUrl).toBe(false);
  });

  it('refuses a foreign sender, an unknown method and invalid parameters before the handler runs', async () => {
    const relay = vi.fn(async (method: string, params: unknown) => ({ method, params }));
    const handler = invokeHandler((e: SenderInfo) => e, appUrl, relay);
    const foreign = { ...ours, frameUrl: 'https://evil.example/' };
    await expect(handler(foreign, 'tables.list', {})).rejects.toThrow(/refused: unknown sender/);
    await expect(handler({ ...ours, mainFrame: false }, 'tables.list', {})).rejects.toThrow(
      /refused/,
    );
    await expect(handler(ours, 'fs.readFile', {})).rejects.toThrow(/unknown method "fs.readFile"/);
    await expect(handler(ours, '__proto__', {})).rejects.toThrow(/unknown method/);
    await expect(handler(ours, 42, {})).rejects.toThrow(/unknown method/);
    await expect(
      handler(ours, 'tables.rows', { table: 't', offset: -1, limit: 10 }),
    ).rejects.toThrow(/invalid parameters for tables.rows: offset/);
    await expect(
      handler(ours, 'tables.rows', { table: 't', offset: 0, limit: 1e9 }),
    ).rejects.toThrow(/limit/);
    await expect(handler(ours, 'tables.columns', { table: 5 })).rejects.toThrow(/table/);
    await expect(handler(ours, 'import.start', { path: '' })).rejects.toThrow(/path/);
    expect(relay).not.toHaveBeenCalled();

    await expect(
      handler(ours, 'tables.rows', { table: 't', offset: 0, limit: 10 }),
    ).resolves.toEqual({
      method: 'tables.rows',
      params: { table: 't', offset: 0, limit: 10 },
    });
    expect(relay).toHaveBeenCalledTimes(1);
    expect(checkCall('workspace.info', undefined)).toEqual({
      method: 'workspace.info',
      params: {},
    });
    // main.ts registers exactly these handlers (API calls, native dialogs), no other channel.
    expect(main).toMatch(
      /ipcMain\.handle\('sightline:invoke', invokeHandler\(senderOf, appUrl, call\)\)/,
    );
    expect(main).toMatch(
      /ipcMain\.handle\('sightline:dialog', dialogHandler\(senderOf, appUrl, showDialog\)\)/,
    );
    expect(main.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(2);
    expect(main).toMatch(/e\.senderFrame === e\.sender\.mainFrame/);
  });
});

describe('web host (sightline open)', () => {
  it('sends a CSP as strict, and stricter: no inline styles either', () => {
    expectStrictCsp(WEB_CSP);
    expect(WEB_CSP).not.toMatch(/unsafe-inline/);
  });
});

describe('Electron dialogs', () => {
  const ours: SenderInfo = { fromOurWindow: true, mainFrame: true, frameUrl: `${appUrl}#/data` };

  it('opens a dialog only for our main frame, and only for a well-formed request', async () => {
    const show = vi.fn(async (r: DialogRequest) => (r.kind === 'open' ? '/data/x.csv' : null));
    const handler = dialogHandler((e: SenderInfo) => e, appUrl, show);
    await expect(
      handler({ ...ours, frameUrl: 'https://evil.example/' }, { kind: 'open' }),
    ).rejects.toThrow(/refused: unknown sender/);
    await expect(handler({ ...ours, mainFrame: false }, { kind: 'open' })).rejects.toThrow(
      /refused/,
    );
    for (const bad of [
      null,
      'open',
      { kind: 'exec' },
      { kind: 'save', defaultPath: 5 },
      { kind: 'save', defaultPath: 'a\0b' },
    ])
      await expect(handler(ours, bad)).rejects.toThrow(/refused: a dialog request/);
    expect(show).not.toHaveBeenCalled();
    await expect(handler(ours, { kind: 'open', extra: 'ignored' })).resolves.toBe('/data/x.csv');
    expect(show).toHaveBeenLastCalledWith({ kind: 'open' });
    expect(checkDialogRequest({ kind: 'save', defaultPath: '/tmp/p.csv' })).toEqual({
      kind: 'save',
      defaultPath: '/tmp/p.csv',
    });
  });
});
