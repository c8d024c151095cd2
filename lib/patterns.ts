/**
 * The name patterns the library decides by, kept out of the package's
 * exports: a RegExp can be recompiled in place (`compile`, which a frozen
 * RegExp obeys too), so what an app can reach is a copy (`naming.ts`).
 */

/** Google Cloud project id rule: 6 to 30 characters, lower-case, starts with a letter. */
export const PROJECT_ID_RULE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** A well-formed crypto key id: project id (with its universe prefix), location, key ring and key names in their alphabets. */
export const CRYPTO_KEY_ID_RULE = /^projects\/[a-z0-9:.-]+\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]+\/cryptoKeys\/[A-Za-z0-9_-]+$/;

/** A well-formed Service Directory service name (an EKM connection's resolver): project (with its universe prefix), location, namespace, service. */
export const SERVICE_DIRECTORY_SERVICE_RULE = /^projects\/[a-z0-9:.-]+\/locations\/[a-z0-9-]+\/namespaces\/[a-z0-9_-]+\/services\/[a-z0-9_-]+$/;
