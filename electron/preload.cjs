// The preload: one global, `window.sightline`, a Transport for core/api's client (see
// renderer/src/transport.ts). CommonJS because sandboxed preloads cannot be ES modules.
// Nothing else of Electron or Node reaches the page.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
const { contextBridge, ipcRenderer, webUtils } = require('electron');

contextBridge.exposeInMainWorld('sightline', {
  invoke: (method, params) => ipcRenderer.invoke('sightline:invoke', String(method), params),
  subscribe: (listener) => {
    const handler = (_event, payload) => listener(payload);
    ipcRenderer.on('sightline:event', handler);
    return () => ipcRenderer.removeListener('sightline:event', handler);
  },
  // Desktop only: the native dialogs, and the path of a file dropped on the window.
  chooseFile: () => ipcRenderer.invoke('sightline:dialog', { kind: 'open' }),
  chooseSavePath: (defaultPath) =>
    ipcRenderer.invoke('sightline:dialog', {
      kind: 'save',
      defaultPath: String(defaultPath ?? '') || undefined,
    }),
  pathForFile: (file) => webUtils.getPathForFile(file),
});
