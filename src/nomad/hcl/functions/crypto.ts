import { createHash, constants, privateDecrypt } from "node:crypto";
import type { v5 as UuidV5 } from "uuid";
import { lazyRequire } from "../../../lazy-require.js";
import { asString, EvalError, type Value } from "../value.js";

const uuid = lazyRequire<{ v5: typeof UuidV5 }>("uuid");

const NAMESPACES: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** Deterministic hashing and decryption; uuidv4() and bcrypt() are handled as inputs (see index.ts). */
export const CRYPTO_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  sha256: ([s]) => createHash("sha256").update(asString(s, "sha256() argument"), "utf8").digest("hex"),
  sha512: ([s]) => createHash("sha512").update(asString(s, "sha512() argument"), "utf8").digest("hex"),
  uuidv5: ([ns, name]) => {
    const n = asString(ns, "uuidv5() namespace");
    const space = NAMESPACES[n] ?? n;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(space)) throw new EvalError(`uuidv5(): namespace must be dns, url, oid, x500 or a UUID, got ${JSON.stringify(n)}`);
    return uuid().v5(asString(name, "uuidv5() name"), space);
  },
  rsadecrypt: ([cipher, key]) => {
    try {
      const out = privateDecrypt({ key: asString(key, "rsadecrypt() key"), padding: constants.RSA_PKCS1_PADDING }, Buffer.from(asString(cipher, "rsadecrypt() ciphertext"), "base64"));
      return out.toString("utf8");
    } catch (err) {
      if (err instanceof EvalError) throw err;
      throw new EvalError(`rsadecrypt(): ${(err as Error).message}`);
    }
  },
};
