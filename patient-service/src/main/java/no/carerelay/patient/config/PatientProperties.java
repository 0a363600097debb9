package no.carerelay.patient.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param encryptionKey      base64 AES-256 key for national IDs at rest
 * @param lookupKey          base64 HMAC-SHA256 key for finding a person by national ID
 * @param acceptSyntheticIds accept Tenor synthetic numbers (month + 80); for test environments only
 */
@ConfigurationProperties("carerelay.patient")
public record PatientProperties(String encryptionKey, String lookupKey, boolean acceptSyntheticIds) {
}
