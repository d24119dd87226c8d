/** The attacker's knowledge (SET.md 9): closure under analysis, derivability, incremental and persistent. */
export { Knowledge } from './knowledge.ts';
export { decryptionKey, type Ciphertext, type DecryptionKey } from './analysis.ts';
export { derivable } from './synthesis.ts';
