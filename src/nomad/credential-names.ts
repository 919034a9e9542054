// Env and variable names whose value is a credential; not the file, path, user or switch that goes with one.
const CREDENTIAL_NAME = /PASSW(?:OR)?D|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|(?:^|_)KEY$/i;
const NOT_A_CREDENTIAL = /(?:_FILE|_PATH|_DIR|_URL|_URI|_HOST|_PORT|_USER|_USERNAME|_NAME|_ENABLED|_LENGTH|_TTL|_EXPIRY|_TIMEOUT|_TYPE|_METHOD|_ALGORITHM|_HEADER)$|PUBLIC_?KEY|ALLOW[_-]?CREDENTIALS/i;

/** Whether a name says its value is a credential (`DB_PASSWORD`, `API_TOKEN`, `SECRET_KEY`). */
export const isCredentialName = (name: string): boolean => CREDENTIAL_NAME.test(name) && !NOT_A_CREDENTIAL.test(name);
