// The desktop shell's main process: one window, the application menu, native open/save dialogs,
// recent workspaces, a single-instance lock. The engine runs in a utilityProcess
// (engine-process.ts), so the window never waits on it; this process only relays API calls and
// events between the window and the engine, checking every message's sender.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  session,
  shell,
  utilityProcess,
} from 'electron';
import type { UtilityProcess, WebContents } from 'electron';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineEvent } from '../core/api/index.js';
import type { EngineReply, EngineRequest } from './protocol.js';
import {
  CONTENT_SECURITY_POLICY,
  invokeHandler,
  navigationAllowed,
  requestAllowed,
  WEB_PREFERENCES,
  windowOpenPolicy,
  dialogHandler,
  type DialogRequest,
} from './security.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rendererIndex = join(root, 'renderer', 'index.html');
const appUrl = pathToFileURL(rendererIndex).href;

let win: BrowserWindow | null = null;
let engine: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

const recentFile = () => join(app.getPath('userData'), 'recent.json');
function recent(): string[] {
  try {
    return JSON.parse(readFileSync(recentFile(), 'utf8')) as string[];
  } catch {
    return [];
  }
}
function remember(path: string): void {
  const list = [path, ...recent().filter((p) => p !== path)].slice(0, 8);
  mkdirSync(dirname(recentFile()), { recursive: true });
  writeFileSync(recentFile(), JSON.stringify(list));
  app.addRecentDocument(path);
  buildMenu();
}

function sampleWorkspace(): string {
  return join(app.getPath('home'), '.sightline', 'sample.sightline');
}

/** `--workspace=PATH` or `--workspace PATH` on the command line: the workspace to open first. */
function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--workspace=')) return a.slice('--workspace='.length);
    if (a === '--workspace' && argv[i + 1]) return argv[i + 1];
  }
  return undefined;
}

/** Starts (or restarts) the engine process on a workspace. */
function openWorkspace(path: string): void {
  engine?.kill();
  for (const p of pending.values()) p.reject(new Error('the workspace was closed'));
  pending.clear();
  engine = utilityProcess.fork(join(here, 'engine-process.js'), [path], {
    serviceName: 'Sightline engine',
  });
  engine.on('message', (m: EngineReply) => {
    if (m.type === 'event') win?.webContents.send('sightline:event', m.event satisfies EngineEvent);
    else {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    }
  });
  engine.on('exit', (code) => {
    if (code !== 0)
      win?.webContents.send('sightline:event', { type: 'workspace.changed', what: 'jobs' });
  });
  remember(path);
  win?.setTitle(`Sightline — ${path}`);
}

function call(method: string, params: unknown): Promise<unknown> {
  if (!engine) return Promise.reject(new Error('no workspace is open'));
  const id = nextId++;
  const req: EngineRequest = { id, method, params };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    engine!.postMessage(req);
  });
}

/** A native open or save dialog over the window; the chosen path, or null when cancelled. */
async function showDialog(request: DialogRequest): Promise<string | null> {
  if (!win) return null;
  if (request.kind === 'open') {
    const r = await dialog.showOpenDialog(win, {
      properties: ['openFile'],
      filters: [
        {
          name: 'Data files',
          extensions: ['csv', 'tsv', 'txt', 'gz', 'jsonl', 'ndjson', 'parquet', 'sqlite', 'db'],
        },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  const r = await dialog.showSaveDialog(win, {
    ...(request.defaultPath ? { defaultPath: request.defaultPath } : {}),
  });
  return r.canceled ? null : (r.filePath ?? null);
}

/** What the sender check (security.ts) needs to know of an IPC message's sender. */
function senderOf(e: { sender: WebContents; senderFrame: Electron.WebFrameMain | null }) {
  return {
    fromOurWindow: win !== null && e.sender === win.webContents,
    mainFrame: e.senderFrame !== null && e.senderFrame === e.sender.mainFrame,
    frameUrl: e.senderFrame?.url ?? '',
  };
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Open Workspace…',
          accelerator: 'CmdOrCtrl+O',
          click: async () => {
            const r = await dialog.showOpenDialog(win!, {
              properties: ['openFile'],
              filters: [{ name: 'Sightline workspace', extensions: ['sightline'] }],
            });
            if (!r.canceled && r.filePaths[0]) openWorkspace(r.filePaths[0]);
          },
        },
        {
          label: 'New Workspace…',
          accelerator: 'CmdOrCtrl+N',
          click: async () => {
            const r = await dialog.showSaveDialog(win!, {
              defaultPath: 'analysis.sightline',
              filters: [{ name: 'Sightline workspace', extensions: ['sightline'] }],
            });
            if (!r.canceled && r.filePath) openWorkspace(r.filePath);
          },
        },
        { label: 'Open Sample Workspace', click: () => openWorkspace(sampleWorkspace()) },
        {
          label: 'Open Recent',
          submenu: recent().length
            ? recent().map((p) => ({ label: p, click: () => openWorkspace(p) }))
            : [{ label: 'none yet', enabled: false }],
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Sightline',
    webPreferences: { ...WEB_PREFERENCES, preload: join(here, 'preload.cjs') },
  });
  // Navigation and new windows are blocked; links open in the system browser only if http(s).
  const noNavigation = (e: { url: string; preventDefault(): void }) => {
    if (!navigationAllowed(e.url, appUrl)) e.preventDefault();
  };
  win.webContents.on('will-navigate', noNavigation);
  win.webContents.on('will-frame-navigate', noNavigation);
  win.webContents.on('will-redirect', noNavigation);
  win.webContents.setWindowOpenHandler(({ url }) => {
    const policy = windowOpenPolicy(url);
    if (policy.openExternally) void shell.openExternal(url);
    return { action: policy.action };
  });
  void win.loadFile(rendererIndex);
  win.on('closed', () => (win = null));
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(() => {
    // Offline means offline: only file:// pages, and no request leaves except to loopback.
    session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
      cb({ cancel: !requestAllowed(details.url) });
    });
    session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
      cb({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        },
      }),
    );
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
    // Sender, method and parameters (the core/api schema) are checked here, before the call
    // reaches the engine (which validates the parameters again in `dispatch`).
    ipcMain.handle('sightline:invoke', invokeHandler(senderOf, appUrl, call));
    // Native file dialogs for the page (Data: import a file; Score & export: where to save).
    ipcMain.handle('sightline:dialog', dialogHandler(senderOf, appUrl, showDialog));
    buildMenu();
    createWindow();
    const last = recent()[0];
    openWorkspace(
      workspaceArgument(process.argv) ?? (last && existsSync(last) ? last : sampleWorkspace()),
    );
  });
  app.on('window-all-closed', () => {
    engine?.kill();
    app.quit();
  });
}
