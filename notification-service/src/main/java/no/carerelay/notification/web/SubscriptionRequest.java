package no.carerelay.notification.web;

import java.util.List;

/**
 * @param secret optional; {@code whsec_} + base64 of 24-64 bytes. Generated when absent.
 */
record SubscriptionRequest(String municipality, String url, List<String> eventTypes, String secret) {
}
