/** The server's version, as its OpenAPI document and health answer report it. */
export const SERVER_VERSION = '0.1.0';
