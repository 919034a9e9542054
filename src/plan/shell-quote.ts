/** A word for a POSIX shell: plain when it is safe as it stands, else single-quoted. */
export function shellQuote(s: string): string {
  return /^[\w./@-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
