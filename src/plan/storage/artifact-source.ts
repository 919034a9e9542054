// go-getter's reading of an `artifact` block, for the sources an init container can fetch the
// same way (http and https). Everything else (git, hg, S3/GCS getters, files on the Nomad
// client) is named as unsupported so the caller can make it a manual step.

/** Archive kinds go-getter unpacks, by file extension (longest first, as go-getter matches them). */
export const ARCHIVE_KINDS = ["tar.bz2", "tar.gz", "tar.xz", "tar.zst", "tbz2", "tgz", "txz", "tzst", "zip", "bz2", "gz", "xz", "zst", "tar"] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export const CHECKSUM_TOOLS = { md5: "md5sum", sha1: "sha1sum", sha256: "sha256sum", sha512: "sha512sum" } as const;
export type ChecksumType = keyof typeof CHECKSUM_TOOLS;
const HEX_LENGTH: Record<ChecksumType, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

export interface HttpArtifact {
  /** The URL fetched: go-getter's own parameters (archive, checksum, filename) taken out. */
  url: string;
  /** Unpacked as this kind; none: kept as the file it is. */
  archive?: ArchiveKind;
  checksum?: { type: ChecksumType; hex: string };
  /** The file name a non-archive gets inside a destination directory. */
  fileName: string;
  mode: "any" | "file" | "dir";
}

export type ParsedArtifact = HttpArtifact | { unsupported: string };

const FORCED = /^([A-Za-z0-9]+)::(.*)$/;
// go-getter's detectors for sources written without a scheme.
const DETECTED: [RegExp, string][] = [
  [/^(?:github\.com|gitlab\.com|bitbucket\.org)\//, "a git repository (go-getter's git getter)"],
  [/^git@/, "a git repository over SSH"],
  [/^[^/]*\.?s3[.-][^/]*amazonaws\.com\//, "an S3 object (go-getter's S3 getter, with the Nomad client's AWS credentials)"],
  [/^www\.googleapis\.com\/storage\//, "a GCS object (go-getter's GCS getter)"],
];

/**
 * Reads a source as go-getter does: a forced getter (`git::`), a detected one, or a URL with
 * its options; `options` of the block win over the same parameters in the URL's query.
 */
export function parseArtifact(source: string, options: Record<string, string>, mode = "any"): ParsedArtifact {
  const forced = FORCED.exec(source);
  if (forced && !/^https?$/i.test(forced[1])) return { unsupported: `a ${forced[1]} source (go-getter's ${forced[1]} getter)` };
  const src = forced ? forced[2] : source;
  for (const [re, what] of DETECTED) if (re.test(src)) return { unsupported: what };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(src)?.[1]?.toLowerCase();
  if (!scheme) return { unsupported: src.startsWith("/") || src.startsWith(".") ? "a file on the Nomad client" : "a path relative to the Nomad client's working directory, or a source go-getter detects" };
  if (scheme !== "http" && scheme !== "https") return { unsupported: `a ${scheme}:// source` };
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return { unsupported: "a URL that does not parse" };
  }
  if (/\/\//.test(url.pathname.slice(1))) return { unsupported: "a go-getter subdirectory (`//dir`) of a download" };
  const params = { ...Object.fromEntries(url.searchParams), ...options };
  for (const p of ["archive", "checksum", "filename"]) url.searchParams.delete(p);
  const checksum = readChecksum(params.checksum);
  if (checksum && "unsupported" in checksum) return checksum;
  const path = decodeURIComponent(url.pathname);
  const archive = archiveOf(path, params.archive);
  if (archive && "unsupported" in archive) return archive;
  if (archive && /zst$/.test(archive.kind)) return { unsupported: "a zstd archive (the fetch image unpacks tar, gzip, bzip2, xz and zip)" };
  const m = mode === "file" || mode === "dir" ? mode : "any";
  return { url: url.toString(), ...(archive ? { archive: archive.kind } : {}), ...(checksum ? { checksum } : {}), fileName: params.filename || path.split("/").filter(Boolean).pop() || "download", mode: m };
}

function readChecksum(value: string | undefined): HttpArtifact["checksum"] | { unsupported: string } | undefined {
  if (!value) return undefined;
  const [type, hex] = value.includes(":") ? [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)] : [guessType(value), value];
  if (type === "file") return { unsupported: `a checksum read from a file (${hex})` };
  if (!type || !(type in HEX_LENGTH)) return { unsupported: `a checksum of unknown type (${value})` };
  const t = type as ChecksumType;
  if (!new RegExp(`^[0-9a-fA-F]{${HEX_LENGTH[t]}}$`).test(hex)) return { unsupported: `a ${t} checksum that is not ${HEX_LENGTH[t]} hex digits (${hex})` };
  return { type: t, hex: hex.toLowerCase() };
}

/** go-getter guesses the type of a bare checksum from its length. */
function guessType(hex: string): string | undefined {
  return (Object.keys(HEX_LENGTH) as ChecksumType[]).find((t) => HEX_LENGTH[t] === hex.length);
}

function archiveOf(path: string, option: string | undefined): { kind: ArchiveKind } | { unsupported: string } | undefined {
  if (option === "false") return undefined;
  if (option && option !== "true") {
    return (ARCHIVE_KINDS as readonly string[]).includes(option) ? { kind: option as ArchiveKind } : { unsupported: `an archive of kind "${option}"` };
  }
  const lower = path.toLowerCase();
  const kind = ARCHIVE_KINDS.find((k) => lower.endsWith(`.${k}`));
  return kind ? { kind } : undefined;
}
