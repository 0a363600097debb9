package no.carerelay.notification.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowInsecureUrls accept http:// and loopback webhook URLs (devstack and tests only)
 * @param maxAttempts       attempts per delivery before it is parked for an operator
 * @param dispatchInterval  how often the dispatcher looks for due deliveries besides being woken by new ones
 */
@ConfigurationProperties("carerelay.notification")
public record NotificationProperties(boolean allowInsecureUrls, int maxAttempts, Duration dispatchInterval) {
}
