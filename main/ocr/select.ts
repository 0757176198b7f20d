import type { OcrEngine } from './engine';
import { TesseractCliEngine, nativeTesseractAvailable } from './tesseract-cli';
import { TesseractJsEngine } from './tesseract-js';

export type EnginePreference = 'auto' | 'tesseract-cli' | 'tesseract-js';

/** The system Tesseract when it is installed (faster, one process per page), else the bundled one. */
export function selectOcrEngine(preference: EnginePreference, workers: number): OcrEngine {
  switch (preference) {
    case 'tesseract-cli':
      return new TesseractCliEngine('tesseract', 'eng', workers);
    case 'tesseract-js':
      return new TesseractJsEngine(workers);
    case 'auto':
      return nativeTesseractAvailable() ? new TesseractCliEngine('tesseract', 'eng', workers) : new TesseractJsEngine(workers);
    default: {
      const unreachable: never = preference;
      return unreachable;
    }
  }
}
