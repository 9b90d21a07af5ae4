/** Makes webhook secrets: `whsec_` + base64 of 32 bytes from a cryptographically secure source. */
export interface SecretGenerator {
  next(): string;
}
