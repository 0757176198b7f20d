import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { FolioError } from '../../app/contract/errors';
import { logger } from '../log/logger';
import type { ProbabilityMatrix } from './ctc';

const log = logger('icr');

/**
 * The recognition model runs here, in one worker thread: a line takes tens of milliseconds of
 * CPU, which on the main thread would stall the UI and every host. The session is created on
 * the first line and reused for every later one.
 *
 * Like the backup worker, the code is plain JavaScript kept as a string (run with `eval: true`)
 * so it survives esbuild folding main/ into one file, and runs the same under tsx and vitest.
 * It sums the model's 6,625 classes per frame into the alphabet's few columns before sending the
 * matrix back, so a line crosses the thread boundary as a few kilobytes.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.runtime);
let session = null;
async function open() {
  if (!session) {
    session = await ort.InferenceSession.create(workerData.model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  }
  return session;
}
parentPort.on('message', async (message) => {
  try {
    const s = await open();
    const columnOfClass = workerData.columnOfClass;
    const columns = workerData.columns;
    const results = [];
    for (const image of message.images) {
      const input = new ort.Tensor('float32', image.data, [1, 3, 48, image.width]);
      const output = (await s.run({ [s.inputNames[0]]: input }))[s.outputNames[0]];
      const frames = output.dims[1];
      const classes = output.dims[2];
      if (classes !== columnOfClass.length) throw new Error('model and dictionary disagree');
      const full = output.data;
      const data = new Float32Array(frames * columns);
      for (let t = 0; t < frames; t++) {
        const row = t * classes;
        const out = t * columns;
        for (let c = 0; c < classes; c++) data[out + columnOfClass[c]] += full[row + c];
      }
      results.push({ frames, data });
    }
    parentPort.postMessage({ id: message.id, ok: true, results }, results.map((r) => r.data.buffer));
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, message: error && error.message ? String(error.message) : String(error) });
  }
});
`;

/** One line image as the model takes it: 3 × 48 × width floats in [-1, 1], channels BGR. */
export interface ModelInput {
  data: Float32Array;
  width: number;
}

interface Pending {
  resolve: (matrices: ProbabilityMatrix[]) => void;
  reject: (error: Error) => void;
}

interface WorkerReply {
  id: number;
  ok: boolean;
  results?: Array<{ frames: number; data: Float32Array }>;
  message?: string;
}

export interface RecognizerWorkerOptions {
  modelPath: string;
  columnOfClass: Int32Array;
  columns: number;
}

/** The worker thread, started on first use; it holds no reference to the process while idle. */
export class RecognizerWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: RecognizerWorkerOptions) {}

  /** Runs the model on each image, in order; resolves with one folded matrix per image. */
  run(images: ModelInput[]): Promise<ProbabilityMatrix[]> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, images }, images.map((image) => image.data.buffer as ArrayBuffer));
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const runtime = createRequire(import.meta.url).resolve('onnxruntime-node');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { runtime, model: this.options.modelPath, columnOfClass: this.options.columnOfClass, columns: this.options.columns },
    });
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok && reply.results) {
        pending.resolve(reply.results.map((result) => ({ frames: result.frames, columns: this.options.columns, data: result.data })));
      } else {
        log.error('handwriting recogniser failed on a line');
        pending.reject(new FolioError('ocr_failed', 'The handwriting recogniser could not read this line.'));
      }
    });
    const fail = (): void => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(new FolioError('ocr_failed', 'The handwriting recogniser stopped.'));
      this.pending.clear();
    };
    worker.on('error', (error) => {
      log.error('handwriting recogniser worker failed', error);
      fail();
    });
    worker.on('exit', fail);
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
