// Env and variable names whose value is a credential; not the file, path, user or switch that goes with one.
const CREDENTIAL_NAME = /PASSW(?:OR)?D|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|(?:^|_)KEY$/i;
const NOT_A_CREDENTIAL = /(?:_FILE|_PATH|_DIR|_URL|_URI|_HOST|_PORT|_USER|_USERNAME|_NAME|_ENABLED|_LENGTH|_TTL|_EXPIRY|_TIMEOUT|_TYPE|_METHOD|_ALGORITHM|_HEADER)$|PUBLIC_?KEY|ALLOW[_-]?CREDENTIALS/i;

/** Whether a name says its value is a credential (`DB_PASSWORD`, `API_TOKEN`, `SECRET_KEY`). */
export const isCredentialName = (name: string): boolean => CREDENTIAL_NAME.test(name) && !NOT_A_CREDENTIAL.test(name);

// HTTP headers that carry a credential, and a value that is one (`Bearer …`, `Basic …`).
const CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|^cookie$|^x-[\w-]*(?:token|key|auth)[\w-]*$/i;
const AUTH_SCHEME = /^\s*(bearer|basic|token)\s/i;

/** Whether an HTTP header's value is a credential (`Authorization`, `Cookie`, `X-Api-Key`). */
export const isCredentialHeader = (name: string): boolean => CREDENTIAL_HEADER.test(name);

/** Whether a value starts with an HTTP authentication scheme (`Bearer abc`). */
export const hasAuthScheme = (value: string): boolean => AUTH_SCHEME.test(value);
