// What nomad2k8s shows of text it did not write (server answers, addresses, names): inert (no
// control character reaches a terminal or a comment) and without credentials.
import { hasAuthScheme } from "./nomad/credential-names.js";

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

/** The first line of a message from elsewhere (an error, an HTTP answer), cut to `max` characters and inert. */
export function firstLine(text: string, max = 300): string {
  return inertLine(text.trim().split("\n")[0].slice(0, max));
}

/** An address with its user and password removed: the only form printed or recorded. */
export function redactUrl(url: URL | string): string {
  return String(url).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
}

// Tag keys whose value may be a credential: basic/digest-auth users, headers, tokens, passwords.
const CREDENTIAL_TAG_KEY = /auth|users|passw|secret|token|key|credential|cookie|header/i;

/**
 * A `key=value` service tag as a message quotes it: the value left out when the key or the
 * value says it may be a credential (`…basicauth.users=admin:$apr1$…`, `…Authorization=Bearer …`).
 */
export function shownTag(tag: string): string {
  const at = tag.indexOf("=");
  if (at < 0) return tag;
  const [key, value] = [tag.slice(0, at), tag.slice(at + 1)];
  return CREDENTIAL_TAG_KEY.test(key) || hasAuthScheme(value) || /:\/\/[^/@\s]*@/.test(value) ? `${key}=(value not shown)` : tag;
}
