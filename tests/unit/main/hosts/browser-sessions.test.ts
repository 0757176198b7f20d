import { describe, expect, it } from 'vitest';
import { BrowserSessions } from '../../../../main/hosts/http/browser-sessions';

describe('browser sessions of the HTTP host', () => {
  it('spends the launch token once, expires after its time, and a rotation ends the old session at once', () => {
    let now = 1_000_000;
    const sessions = new BrowserSessions(() => now, 60_000);
    const launch = sessions.launch as string;
    expect(sessions.exchange('not it')).toBeNull();
    const first = sessions.exchange(launch);
    expect(first).not.toBeNull();
    expect(sessions.exchange(launch)).toBeNull();
    const tab = first as NonNullable<typeof first>;
    expect(sessions.accepts(tab.token)).toBe(true);
    // The view token opens images and events, and is no API bearer.
    expect(sessions.acceptsView(tab.viewToken)).toBe(true);
    expect(sessions.accepts(tab.viewToken)).toBe(false);

    const rotated = sessions.rotate(tab.token);
    expect(rotated).not.toBeNull();
    expect(sessions.accepts(tab.token)).toBe(false);
    expect(sessions.acceptsView(tab.viewToken)).toBe(false);
    const current = rotated as NonNullable<typeof rotated>;
    expect(sessions.accepts(current.token)).toBe(true);

    now += 60_000;
    expect(sessions.accepts(current.token)).toBe(false);
    expect(sessions.acceptsView(current.viewToken)).toBe(false);
    expect(sessions.rotate(current.token)).toBeNull();
  });
});
