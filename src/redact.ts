// What nomad2k8s shows of text it did not write (job names, template lines, tags, server answers):
// inert (no control character reaches a terminal or a comment) and without secret values.

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides, which
// reorder or hide what a reader sees.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string): string => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
};

/** Control characters as `\xNN`: an escape sequence in a job name cannot drive the terminal. Tabs and newlines stay. */
export function inert(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** One line: also newlines and tabs escaped (a name in a `#` comment cannot end the comment). */
export function inertLine(text: string): string {
  return text.replace(CONTROL_OR_NEWLINE, escapeChar);
}

/** An address with its user and password removed: the only form printed or recorded. */
export function redactUrl(url: URL | string): string {
  return String(url).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
}

// Names of keys, variables and files whose values are credentials.
export const CREDENTIAL_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth|cookie|session[_-]?key|signing[_-]?key|encryption[_-]?key|salt|dsn)(?![a-z])/i;

/** True when a name (an env key, a variable) says its value is a credential. */
export function credentialNamed(name: string): boolean {
  return CREDENTIAL_NAME.test(name.replace(/([a-z])([A-Z])/g, "$1_$2"));
}

// Service tags that carry credentials: Traefik basic/digest auth users, Authorization headers.
const SECRET_TAG = /^(.*?\.(?:basicauth|digestauth)\.users\s*=\s*|.*?(?:customrequestheaders|customresponseheaders)\.authorization\s*=\s*|.*?authorization\s*[=:]\s*(?:bearer|basic)\s+)(.+)$/i;

/** A tag as it may be shown: the credential part of Traefik auth users or an Authorization header replaced. */
export function redactTag(tag: string): string {
  const m = SECRET_TAG.exec(tag);
  return inertLine(m ? `${m[1]}(redacted)` : tag);
}
