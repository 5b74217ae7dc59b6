/**
 * Run `cleanup` once on SIGINT or SIGTERM, then exit 0. A second signal while
 * cleaning up forces exit 1. Terminal Ctrl-C reaches a whole process group,
 * so supervised children receive SIGINT and the supervisor's SIGTERM: both
 * MUST be harmless repeats.
 */
export function onShutdown(cleanup: () => Promise<void>, options: { timeoutMs?: number } = {}): void {
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const timer = setTimeout(() => {
      console.error(`switchyard: shutdown took longer than ${options.timeoutMs ?? 15_000} ms after ${signal}; exiting`);
      process.exit(1);
    }, options.timeoutMs ?? 15_000);
    timer.unref();
    cleanup().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`switchyard: error while shutting down: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  // Forked by the supervisor (IPC channel): if it dies, even by SIGKILL, the
  // channel closes — stop instead of running on as an orphan.
  if (process.connected) process.once("disconnect", () => handler("SIGTERM"));
}
