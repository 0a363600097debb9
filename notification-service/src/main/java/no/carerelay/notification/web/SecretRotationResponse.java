package no.carerelay.notification.web;

import java.time.Instant;
import java.util.UUID;

/** The new secret, shown this once, and until when the previous one still signs beside it. */
record SecretRotationResponse(UUID id, String secret, Instant previousSecretExpiresAt) {
}
