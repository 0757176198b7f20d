import type { OcrEngine } from './engine';
import { selectOcrEngine, type EnginePreference } from './select';

/**
 * The engine pages are read with, swappable from settings while the app runs. Pages already
 * being read finish on the engine they started with; the old engine is closed once idle.
 */
export class OcrEngineHolder {
  private engine: OcrEngine;
  private preference: EnginePreference;

  constructor(
    preference: EnginePreference,
    private readonly workers: number,
    private readonly whenIdle: () => Promise<void>,
  ) {
    this.preference = preference;
    this.engine = selectOcrEngine(preference, workers);
  }

  current(): OcrEngine {
    return this.engine;
  }

  prefer(preference: EnginePreference): void {
    if (preference === this.preference) return;
    const previous = this.engine;
    this.preference = preference;
    this.engine = selectOcrEngine(preference, this.workers);
    if (previous.name !== this.engine.name) void this.whenIdle().then(() => previous.close()).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
