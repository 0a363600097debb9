package no.carerelay.notification.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How a coordinator wants to hear of an event type: by e-mail or SMS.
 *
 * @param municipality       for the municipal cancer coordinator: the kommunenummer whose residents' events they get
 * @param organisationNumber for the hospital's pathway coordinator: the hospital whose requests they get
 * @param address            e-mail address or phone number (staff contact data; never logged)
 */
public record ContactPreference(UUID id, String role, String municipality, String organisationNumber, String channel, String address,
        List<String> eventTypes, boolean active, Instant createdAt) {

    @Override
    public String toString() {
        return "ContactPreference[id=" + id + ", role=" + role + ", channel=" + channel + ", address=***]";
    }
}
