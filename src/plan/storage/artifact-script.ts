import { shellQuote as sq } from "../shell-quote.js";
import { CHECKSUM_TOOLS, type ArchiveKind, type HttpArtifact } from "./artifact-source.js";

/** One artifact to fetch, with where it lands inside the fetching container. */
export interface Fetch {
  artifact: HttpArtifact;
  /** The destination directory (mode any/dir) or file (mode file), absolute in the init container. */
  target: string;
  /** Request headers: the name, and the env var of the init container that holds the value. */
  headers: { name: string; env: string }[];
}

const UNPACK: Record<Exclude<ArchiveKind, "tar.zst" | "tzst" | "zst">, (file: string, dir: string) => string> = {
  "tar.gz": (f, d) => `tar -xzf ${f} -C ${d}`,
  tgz: (f, d) => `tar -xzf ${f} -C ${d}`,
  "tar.bz2": (f, d) => `tar -xjf ${f} -C ${d}`,
  tbz2: (f, d) => `tar -xjf ${f} -C ${d}`,
  "tar.xz": (f, d) => `tar -xJf ${f} -C ${d}`,
  txz: (f, d) => `tar -xJf ${f} -C ${d}`,
  tar: (f, d) => `tar -xf ${f} -C ${d}`,
  zip: (f, d) => `unzip -o -q ${f} -d ${d}`,
  gz: (f, d) => `gunzip -c ${f} > ${d}`,
  bz2: (f, d) => `bunzip2 -c ${f} > ${d}`,
  xz: (f, d) => `unxz -c ${f} > ${d}`,
};
/** Compressed single files: decompressed to one file, not unpacked into a directory. */
const SINGLE = new Set<ArchiveKind>(["gz", "bz2", "xz"]);

/**
 * The POSIX shell script (busybox/curl) that fetches artifacts as go-getter does: the download
 * is verified against its checksum before anything is unpacked; an archive is unpacked into the
 * destination directory, a compressed file decompressed beside it, any other file kept under its
 * name (or at the destination itself in `file` mode) and made executable, since jobs run
 * downloaded binaries directly. Any failure stops the script, so the pod does not start.
 */
export function artifactScript(fetches: Fetch[]): string {
  const lines = ["set -eu"];
  fetches.forEach((f, i) => {
    const a = f.artifact;
    const tmp = `/tmp/artifact-${i + 1}`;
    const single = a.archive && SINGLE.has(a.archive);
    const unpacks = a.archive && !single && a.mode !== "file";
    // Where the file goes when it is not unpacked.
    const file = a.mode === "file" ? f.target : `${f.target}/${single ? a.fileName.replace(/\.[^.]+$/, "") || a.fileName : a.fileName}`;
    const dir = a.mode === "file" ? f.target.slice(0, f.target.lastIndexOf("/")) || "/" : f.target;
    const headers = f.headers.map((h) => ` -H ${sq(`${h.name}: `)}"$${h.env}"`).join("");
    lines.push(`# ${a.url}`, `mkdir -p ${sq(dir)}`, `curl -fsSL --retry 3${headers} -o ${tmp} ${sq(a.url)}`);
    if (a.checksum) lines.push(`echo ${sq(`${a.checksum.hex}  ${tmp}`)} | ${CHECKSUM_TOOLS[a.checksum.type]} -c -`);
    if (unpacks) lines.push(UNPACK[a.archive as keyof typeof UNPACK](tmp, sq(dir)), `rm -f ${tmp}`);
    else if (single) lines.push(UNPACK[a.archive as keyof typeof UNPACK](tmp, sq(file)), `rm -f ${tmp}`, `chmod a+x ${sq(file)}`);
    else lines.push(`mv ${tmp} ${sq(file)}`, `chmod a+x ${sq(file)}`);
  });
  return `${lines.join("\n")}\n`;
}
