import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { eventNames } from '../../../app/contract/events';
import { APP_ORIGIN, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../app/contract/ipc';
import type { Workstation } from '../../services/workstation';

/**
 * One generic channel carries every contract method to the dispatcher, which validates the
 * input. Before that, the sender must be our window's main frame showing our own origin
 * (VS Code's validatedIpcMain does the same), so no other frame or page can call in.
 */
export function wireIpc(workstation: Workstation, window: BrowserWindow): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!trustedSender(event, window)) {
      return { ok: false, error: { code: 'forbidden', message: 'This window may not call Folio.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'unknown_method', message: 'There is no such method.' } };
    return workstation.dispatch(method, input, { host: 'electron' });
  });
  const unsubscribers = eventNames.map((name) =>
    workstation.events.on(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

function trustedSender(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  if (!frame || event.sender !== window.webContents || frame !== window.webContents.mainFrame) return false;
  // Compare the URL prefix: WHATWG gives custom schemes the opaque origin "null", which would match anything.
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}
