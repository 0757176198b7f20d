/** Electron transport names, here because the preload may import only app/contract and electron. */
export const IPC_CALL_CHANNEL = 'folio:call';
export const IPC_EVENT_CHANNEL = 'folio:event';
/** The privileged scheme that serves the renderer and page images; `folio://app/` is the only origin. */
export const APP_SCHEME = 'folio';
export const APP_ORIGIN = 'folio://app';
