export interface Pending<I, R> {
  readonly item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items submitted while a commit runs wait for the next one and
 * share it, and so do those submitted in the same tick as the first, so a
 * burst costs a few writes and flushes, not one each. The data file and the
 * append-only journals (AppendLog: messages, outbox) all write this way.
 */
export class GroupCommit<I, R> {
  private waiting: Pending<I, R>[] = [];
  private running: Promise<void> | null = null;

  /**
   * `commit` settles each item of its batch; if it throws, every item it left
   * unsettled is rejected with that error. `turn` runs each commit, so that it
   * can take turns with other work on the same file.
   */
  constructor(
    private readonly commit: (batch: readonly Pending<I, R>[]) => Promise<void>,
    private readonly turn: (task: () => Promise<void>) => Promise<void> = (task) => task(),
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Resolves once everything submitted so far is committed. */
  async drain(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<void> {
    // Let the submissions of the current tick (a burst of requests) join the first commit.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      await this.turn(async () => {
        // Taken when the commit starts, so that what arrived while it waited for its turn joins it.
        const batch = this.waiting.splice(0);
        try {
          await this.commit(batch);
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      });
    }
    this.running = null;
  }
}
