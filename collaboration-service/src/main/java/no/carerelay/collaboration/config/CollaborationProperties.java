package no.carerelay.collaboration.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeZone                 the calendar the regulation counts days in (Europe/Oslo)
 * @param dischargeReadyDailyRate  NOK per day a municipality pays for a discharge-ready patient it has not
 *                                 answered (FOR-2011-11-18-1115 § 13; NOK 5 745 in 2024)
 * @param escalationScanInterval   how often due cases are looked for; the scan is driven by the database, so a
 *                                 deadline that passed while the service was down is escalated at the first scan
 */
@ConfigurationProperties("carerelay.collaboration")
public record CollaborationProperties(
        @DefaultValue("Europe/Oslo") ZoneId timeZone,
        @DefaultValue("5745") BigDecimal dischargeReadyDailyRate,
        @DefaultValue("PT30S") Duration escalationScanInterval) {
}
