/** Pages of a document settled so far, as the pipeline reports them. */
export interface PagesRead {
  read: number;
  total: number;
}

/** "read 23 of 60" with a bar, for a document still being read (queue and review). */
export function ReadingProgress({ progress, name }: { progress: PagesRead; name: string }) {
  return (
    <span className="reading-progress">
      read {progress.read} of {progress.total}
      <progress value={progress.read} max={Math.max(1, progress.total)} aria-label={`Pages of ${name} read`} />
    </span>
  );
}
