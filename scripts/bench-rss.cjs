// Preloaded into the CLI by `npm run bench`: reports the process's peak RSS (all threads) at exit.
process.on("exit", () => {
  if (process.env.BENCH_RSS_FD) require("node:fs").writeSync(Number(process.env.BENCH_RSS_FD), `${process.resourceUsage().maxRSS / 1024}\n`);
});
