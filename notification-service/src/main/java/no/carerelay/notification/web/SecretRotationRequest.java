package no.carerelay.notification.web;

/** @param secret optional; the subscriber's own new secret ({@code whsec_} + base64 of 24-64 bytes). Generated when absent. */
record SecretRotationRequest(String secret) {
}
