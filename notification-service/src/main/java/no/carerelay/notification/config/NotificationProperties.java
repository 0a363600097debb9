package no.carerelay.notification.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The endpoint guards themselves (circuit breaker, bulkhead, quick retries, time limiter) are configured under
 * {@code resilience4j.*} in notification-service.yml.
 *
 * @param allowInsecureUrls     accept http:// and loopback webhook URLs (devstack and tests only)
 * @param maxAttempts           attempts per delivery before it is parked for an operator
 * @param dispatchInterval      how often the dispatcher looks for due deliveries besides being woken by new ones
 * @param maxInFlight           webhook calls in flight at once over all endpoints
 * @param requestTimeout        the HTTP client's own timeout, a backstop behind the time limiter
 * @param openCircuitRecheck    how soon a delivery held back by an open circuit is looked at again (not an attempt)
 * @param secretRotationOverlap how long the previous secret keeps signing after a rotation
 * @param linkBaseUrl           where the links in e-mails and text messages point (the coordinator's CareRelay)
 * @param emailFrom             the sender of e-mails (SMTP itself is {@code spring.mail.*})
 * @param smsGatewayUrl         the SMS gateway's send endpoint; no SMS without it
 * @param smsGatewayToken       bearer token for the gateway, if it wants one
 */
@ConfigurationProperties("carerelay.notification")
public record NotificationProperties(boolean allowInsecureUrls, int maxAttempts, Duration dispatchInterval, int maxInFlight,
        Duration requestTimeout, Duration openCircuitRecheck, Duration secretRotationOverlap, String linkBaseUrl, String emailFrom,
        URI smsGatewayUrl, String smsGatewayToken) {
}
