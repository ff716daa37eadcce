/**
 * Lync/SfB media `EncryptionLevel` (CsMediaConfiguration).
 *
 * docs/protocol.md §2 "Lync/SfB media EncryptionLevel": "`RequireEncryption` (default): SRTP must be negotiated.
 * `SupportEncryption`: SRTP if it can be negotiated. `DoNotSupportEncryption`: SRTP must not be used."
 */
export type EncryptionLevel = "RequireEncryption" | "SupportEncryption" | "DoNotSupportEncryption";

/** Every {@link EncryptionLevel}, the default first. */
export const ENCRYPTION_LEVELS: readonly EncryptionLevel[] = ["RequireEncryption", "SupportEncryption", "DoNotSupportEncryption"];
