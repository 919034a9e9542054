import { bool, int, obj, str, stringMap, strings, type Shape } from "../../crd-shape.js";

// The `spec` of Traefik's Middleware CRD: traefik `docs/content/reference/dynamic-configuration/traefik.io_middlewares.yaml`
// (traefik.io/v1alpha1, Traefik 3.x; the HTTP middlewares, plugins left out). One source: the
// plan reads the options a tag may set from it, the check holds written objects against it.
// Where this file and the CRD disagree, the CRD is right and this file is fixed.

const ipStrategy = obj({ depth: int, excludedIPs: strings, ipv6Subnet: int });
const sourceRange = obj({ sourceRange: strings, ipStrategy, rejectStatusCode: int });

/** Each middleware type by its spec key, with its options as the CRD spells them. */
export const MIDDLEWARE_SPEC: Record<string, Shape> = {
  addPrefix: obj({ prefix: str }),
  stripPrefix: obj({ prefixes: strings, forceSlash: bool }),
  stripPrefixRegex: obj({ regex: strings }),
  replacePath: obj({ path: str }),
  replacePathRegex: obj({ regex: str, replacement: str }),
  redirectRegex: obj({ regex: str, replacement: str, permanent: bool }),
  redirectScheme: obj({ scheme: str, port: str, permanent: bool }),
  headers: obj({
    customRequestHeaders: stringMap,
    customResponseHeaders: stringMap,
    sslProxyHeaders: stringMap,
    accessControlAllowCredentials: bool,
    accessControlAllowHeaders: strings,
    accessControlAllowMethods: strings,
    accessControlAllowOriginList: strings,
    accessControlAllowOriginListRegex: strings,
    accessControlExposeHeaders: strings,
    accessControlMaxAge: int,
    addVaryHeader: bool,
    allowedHosts: strings,
    hostsProxyHeaders: strings,
    stsSeconds: int,
    stsIncludeSubdomains: bool,
    stsPreload: bool,
    forceSTSHeader: bool,
    frameDeny: bool,
    customFrameOptionsValue: str,
    contentTypeNosniff: bool,
    browserXssFilter: bool,
    customBrowserXSSValue: str,
    contentSecurityPolicy: str,
    contentSecurityPolicyReportOnly: str,
    publicKey: str,
    referrerPolicy: str,
    permissionsPolicy: str,
    isDevelopment: bool,
  }),
  basicAuth: obj({ secret: str, realm: str, headerField: str, removeHeader: bool }),
  digestAuth: obj({ secret: str, realm: str, headerField: str, removeHeader: bool }),
  forwardAuth: obj({
    address: str,
    trustForwardHeader: bool,
    authResponseHeaders: strings,
    authResponseHeadersRegex: str,
    authRequestHeaders: strings,
    addAuthCookiesToResponse: strings,
    headerField: str,
    forwardBody: bool,
    maxBodySize: int,
    preserveLocationHeader: bool,
    tls: obj({ caSecret: str, certSecret: str, insecureSkipVerify: bool, caOptional: bool }),
  }),
  ipWhiteList: sourceRange,
  ipAllowList: sourceRange,
  rateLimit: obj({ average: int, burst: int, period: { type: "int-or-string" }, sourceCriterion: obj({ requestHeaderName: str, requestHost: bool, ipStrategy }) }),
  inFlightReq: obj({ amount: int, sourceCriterion: obj({ requestHeaderName: str, requestHost: bool, ipStrategy }) }),
  compress: obj({ excludedContentTypes: strings, includedContentTypes: strings, minResponseBodyBytes: int, defaultEncoding: str, encodings: strings }),
  chain: obj({ middlewares: { type: "array", items: obj({ name: str, namespace: str }, ["name"]) } }),
  retry: obj({ attempts: int, initialInterval: { type: "int-or-string" } }),
  buffering: obj({ maxRequestBodyBytes: int, memRequestBodyBytes: int, maxResponseBodyBytes: int, memResponseBodyBytes: int, retryExpression: str }),
  circuitBreaker: obj({ expression: str, checkPeriod: { type: "int-or-string" }, fallbackDuration: { type: "int-or-string" }, recoveryDuration: { type: "int-or-string" }, responseCode: int }),
  contentType: obj({ autoDetect: bool }),
  passTLSClientCert: obj({ pem: bool }),
  errors: obj({ status: strings, query: str, service: obj({ name: str, namespace: str, port: { type: "int-or-string" } }, ["name"]) }),
};
