import { contextBridge, ipcRenderer } from 'electron';
import { pageImagePath, type FolioClient } from '../../app/contract/client';
import { eventNames, type EventName } from '../../app/contract/events';
import { APP_ORIGIN, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../app/contract/ipc';
import { isMethodName } from '../../app/contract/methods';

/**
 * The renderer's only door: `window.folio`, typed from the contract. ipcRenderer itself is
 * never exposed; unknown method and event names are refused here and again in main.
 */
const folio: FolioClient = {
  call(method, input) {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: 'There is no such method.' } });
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input);
  },
  on(event, listener) {
    if (!eventNames.includes(event)) return () => undefined;
    const handler = (_: unknown, name: EventName, payload: unknown): void => {
      if (name === event) (listener as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
  pageImageUrl(documentId, pageIndex) {
    return `${APP_ORIGIN}${pageImagePath(documentId, pageIndex)}`;
  },
};

contextBridge.exposeInMainWorld('folio', folio);
