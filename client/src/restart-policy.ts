/**
 * When the server process dies, restart it, unless it keeps dying: then stop and say so. Plain
 * logic, kept apart from the `vscode` module so that it is tested on its own.
 */
export interface RestartDecision {
  restart: boolean;
  message: string;
}

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 5,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called when the connection to the server closed without being asked to. */
  onCrash(): RestartDecision {
    const now = this.now();
    this.crashes = [...this.crashes.filter((time) => now - time < this.windowMs), now];
    const minutes = Math.round(this.windowMs / 60_000);
    if (this.crashes.length > this.maxRestarts) {
      return {
        restart: false,
        message: `The Node Streams server stopped unexpectedly ${this.crashes.length} times in ${minutes} minutes and will not be restarted. Its log is in "Node Streams: Show Output"; run "Node Streams: Restart Server" to try again.`,
      };
    }
    return {
      restart: true,
      message: `The Node Streams server stopped unexpectedly and is restarting (${this.crashes.length} of ${this.maxRestarts} restarts allowed in ${minutes} minutes). Its log is in "Node Streams: Show Output".`,
    };
  }

  /** A restart asked for by the user starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
