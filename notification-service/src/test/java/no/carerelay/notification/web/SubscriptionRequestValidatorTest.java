package no.carerelay.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import no.carerelay.notification.config.NotificationProperties;

class SubscriptionRequestValidatorTest {

    private static final List<String> TYPES = List.of("no.carerelay.collaboration.HandoverOpened.v1");

    @ParameterizedTest
    @ValueSource(strings = {"http://kommune.example/hooks", "https://localhost/hooks", "https://127.0.0.1:8443/hooks", "https://[::1]/hooks"})
    void shouldRefusePlainHttpAndLoopbackReceiversInProduction(String url) {
        SubscriptionRequestValidator production = validator(false);
        assertThatThrownBy(() -> production.validate(new SubscriptionRequest("0301", url, TYPES, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).extracting(InvalidRequestException.Violation::field).containsExactly("url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/hooks", "http://localhost:9000/hooks"})
    void shouldAcceptALoopbackReceiverWhereInsecureUrlsAreAllowed(String url) {
        validator(true).validate(new SubscriptionRequest("0301", url, TYPES, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://kommune.example/carerelay", "https://10.1.2.3/hooks"})
    void shouldAcceptAnHttpsReceiverOutsideThisMachineInProduction(String url) {
        validator(false).validate(new SubscriptionRequest("0301", url, TYPES, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0302", "whsec_tooShort"})
    void shouldKeepTheMunicipalityAndTheSecretOutOfAnUpdate(String change) {
        SubscriptionRequest request = change.startsWith("whsec_")
                ? new SubscriptionRequest(null, "https://kommune.example/new", TYPES, change)
                : new SubscriptionRequest(change, "https://kommune.example/new", TYPES, null);
        assertThatThrownBy(() -> validator(false).validateUpdate(request, "0301")).isInstanceOf(InvalidRequestException.class);
    }

    private static SubscriptionRequestValidator validator(boolean allowInsecureUrls) {
        return new SubscriptionRequestValidator(new NotificationProperties(allowInsecureUrls, 8, Duration.ofMillis(200), 256,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofDays(1), "https://carerelay.example/app", "no-reply@carerelay.example", null, null));
    }
}
