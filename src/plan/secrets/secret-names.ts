// Names of files and module inputs that hold secret material: tokens, passwords, keys, SSH identities.
export const SECRET_NAME = /token|passw|secret|private|credential|htpasswd|apikey|api_key|(^|[_.-])key($|[_.-])|(^|[_.-])id_|\.(pem|key)$/i;
