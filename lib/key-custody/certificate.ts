import { X509Certificate } from "node:crypto";

/**
 * A server certificate given as PEM text or base64 DER, returned as base64
 * DER (the EKM connection's `rawDer`); undefined if it is not a certificate.
 */
export function certificateToRawDer(text: string): string | undefined {
  const input = text.includes("-----BEGIN CERTIFICATE-----") ? text : Buffer.from(text.replace(/\s+/g, ""), "base64");
  try {
    return new X509Certificate(input).raw.toString("base64");
  } catch {
    return undefined;
  }
}
