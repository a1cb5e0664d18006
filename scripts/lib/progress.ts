/** A dependency-free progress bar for long jobs (stderr, at most 10 updates a second). */
export function progressBar(label: string, total: number) {
  const start = Date.now();
  let last = 0;
  const tty = process.stderr.isTTY;
  const render = (done: number, final = false) => {
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    const pct = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const bar = "#".repeat(Math.round(pct * width)).padEnd(width, ".");
    const rate = done / Math.max(0.001, (now - start) / 1000);
    const line = `${label} [${bar}] ${(pct * 100).toFixed(0).padStart(3)}% ${done}/${total} ${Math.round(rate)}/s`;
    if (tty) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
    else if (final || Math.round(pct * 100) % 25 === 0) process.stderr.write(`${line}\n`);
  };
  return { update: (done: number) => render(done), done: (done = total) => render(done, true) };
}
