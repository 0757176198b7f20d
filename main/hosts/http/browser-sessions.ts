import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A browser tab's session lasts a working shift at most; unlocking starts a new one. */
export const BROWSER_SESSION_TTL_MS = 12 * 60 * 60_000;
/** Tabs open at once (each launch link makes one); the oldest goes first beyond this. */
const MAX_SESSIONS = 8;
/** The response header that hands a rotated session to the tab that unlocked. */
export const SESSION_HEADER = 'X-Folio-Session';

/**
 * What a browser tab holds: a bearer for the API (sent in a header, never a cookie: browsers send
 * cookies for 127.0.0.1 to every port, so any other local web server the browser visits would
 * receive them) and a view token that opens only page images and the event stream (an <img> or
 * EventSource cannot send a header), each valid until `expiresAt`.
 */
export interface BrowserSession {
  token: string;
  viewToken: string;
  expiresAt: number;
}

interface Held {
  viewHash: Buffer;
  expiresAt: number;
}

/**
 * Browser sessions of the HTTP host, in memory only. The one-time launch link is exchanged for
 * a session; the tab keeps it in sessionStorage (per origin, so per port, and gone with the tab);
 * a successful unlock rotates it, and the old one stops working at once.
 */
export class BrowserSessions {
  private launchToken: string | null = randomBytes(32).toString('base64url');
  private readonly sessions = new Map<string, Held>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = BROWSER_SESSION_TTL_MS,
  ) {}

  /** The one-time launch token, while unused. */
  get launch(): string | null {
    return this.launchToken;
  }

  /** Spends the launch token; null when it was wrong or already spent. */
  exchange(offered: string): BrowserSession | null {
    if (!this.launchToken || !safeEqual(offered, this.launchToken)) return null;
    this.launchToken = null;
    return this.issue();
  }

  /** A session for a caller inside this process (tests): never printed, never in a link. */
  open(): BrowserSession {
    return this.issue();
  }

  /** A new session for the tab that holds `token`, which stops working; null when it is not a live session. */
  rotate(token: string): BrowserSession | null {
    if (!this.accepts(token)) return null;
    this.sessions.delete(hashOf(token));
    return this.issue();
  }

  /** True for a live session's API bearer. */
  accepts(token: string): boolean {
    const held = this.sessions.get(hashOf(token));
    if (!held) return false;
    if (held.expiresAt <= this.now()) {
      this.sessions.delete(hashOf(token));
      return false;
    }
    return true;
  }

  /** True for a live session's view token (page images, events). */
  acceptsView(viewToken: string): boolean {
    const offered = Buffer.from(hashOf(viewToken), 'hex');
    const at = this.now();
    for (const held of this.sessions.values()) {
      if (held.expiresAt > at && timingSafeEqual(held.viewHash, offered)) return true;
    }
    return false;
  }

  private issue(): BrowserSession {
    const session = { token: randomBytes(32).toString('base64url'), viewToken: randomBytes(32).toString('base64url'), expiresAt: this.now() + this.ttlMs };
    for (const [key, held] of this.sessions) if (held.expiresAt <= this.now()) this.sessions.delete(key);
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(hashOf(session.token), { viewHash: Buffer.from(hashOf(session.viewToken), 'hex'), expiresAt: session.expiresAt });
    return session;
  }
}

/** A session as it travels in the launch redirect's fragment and the rotation header. */
export function encodeSession(session: BrowserSession): string {
  return new URLSearchParams({ session: session.token, view: session.viewToken, expires: String(session.expiresAt) }).toString();
}

/** Held by hash, so a heap dump of the host shows no usable bearer. */
function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
