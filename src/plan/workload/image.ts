/** Splits `registry:5000/repo/name:tag@sha256:…` into repository, tag and digest. */
export function splitImage(image: string): { repo: string; tag?: string; digest?: string } {
  const [withTag, digest] = image.split("@");
  const slash = withTag.lastIndexOf("/");
  const colon = withTag.lastIndexOf(":");
  if (colon > slash) return { repo: withTag.slice(0, colon), tag: withTag.slice(colon + 1), digest };
  return { repo: withTag, digest };
}
