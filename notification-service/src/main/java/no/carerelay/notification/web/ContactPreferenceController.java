package no.carerelay.notification.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.carerelay.contracts.EventTypes;
import no.carerelay.notification.delivery.ContactDeliveries;
import no.carerelay.notification.subscription.ContactPreference;
import no.carerelay.notification.subscription.ContactPreferences;

/** Coordinators' contact preferences (e-mail, SMS per event type), and the log and replay of those messages. */
@RestController
class ContactPreferenceController {

    record ContactDeliveryEntry(UUID id, UUID preferenceId, UUID eventId, String eventType, String municipality, String channel, String status,
            int attempts, String lastError, String parkedReason, Long lastLatencyMs, java.time.Instant createdAt, java.time.Instant deliveredAt) {
    }

    private final ContactPreferences preferences;
    private final ContactDeliveries deliveries;
    private final JdbcClient jdbc;

    ContactPreferenceController(ContactPreferences preferences, ContactDeliveries deliveries, JdbcClient jdbc) {
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.jdbc = jdbc;
    }

    @PostMapping(path = "/api/v1/contact-preferences", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactPreference> create(@RequestBody ContactPreferenceRequest request) {
        validate(request);
        boolean municipal = "MUNICIPAL_CANCER_COORDINATOR".equals(request.role());
        ContactPreference created = preferences.create(request.role(), municipal ? request.municipality() : null,
                municipal ? null : request.organisationNumber(), request.channel(), request.address().trim(), request.eventTypes());
        return ResponseEntity.created(URI.create("/api/v1/contact-preferences/" + created.id())).body(created);
    }

    @GetMapping(path = "/api/v1/contact-preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ContactPreference> list(@RequestParam(required = false) String municipality) {
        return preferences.list(municipality);
    }

    @GetMapping(path = "/api/v1/contact-preferences/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ContactPreference get(@PathVariable UUID id) {
        return preferences.find(id).orElseThrow(() -> new NotFoundException("contact preference " + id));
    }

    @DeleteMapping("/api/v1/contact-preferences/{id}")
    ResponseEntity<Void> deactivate(@PathVariable UUID id) {
        if (!preferences.deactivate(id)) {
            throw new NotFoundException("contact preference " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The e-mail and SMS log for operators: outcome, attempts, why parked; never the address or the text. */
    @GetMapping(path = "/api/v1/contact-deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ContactDeliveryEntry> deliveries(@RequestParam(required = false) String status, @RequestParam(required = false) UUID preference) {
        if (status != null && !status.matches("PENDING|IN_FLIGHT|DELIVERED|RETRYING|PARKED")) {
            throw new InvalidRequestException(List.of(new InvalidRequestException.Violation("status",
                    "must be one of PENDING, IN_FLIGHT, DELIVERED, RETRYING, PARKED")));
        }
        return jdbc.sql("""
                        SELECT id, preference_id, event_id, event_type, municipality, channel, status, attempts, last_error, parked_reason,
                               last_latency_ms, created_at, delivered_at
                        FROM contact_delivery
                        WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS UUID) IS NULL OR preference_id = ?)
                        ORDER BY seq DESC LIMIT 500""")
                .params(status, status, preference, preference)
                .query((rs, row) -> new ContactDeliveryEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10),
                        (Long) rs.getObject(11), rs.getTimestamp(12).toInstant(),
                        rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant()))
                .list();
    }

    @PostMapping("/api/v1/contact-deliveries/{id}/replay")
    ResponseEntity<Void> replay(@PathVariable UUID id) {
        boolean replayed = deliveries.replay(id).orElseThrow(() -> new NotFoundException("contact delivery " + id));
        if (!replayed) {
            throw new ConflictException("not-parked", "Only a parked message can be replayed; this one is not parked.");
        }
        return ResponseEntity.accepted().build();
    }

    private static void validate(ContactPreferenceRequest request) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        if ("MUNICIPAL_CANCER_COORDINATOR".equals(request.role())) {
            if (request.municipality() == null || !request.municipality().matches("[0-9]{4}")) {
                violations.add(new InvalidRequestException.Violation("municipality", "must be a four-digit kommunenummer"));
            }
        } else if ("PATHWAY_COORDINATOR".equals(request.role())) {
            if (request.organisationNumber() == null || !request.organisationNumber().matches("[0-9]{9}")) {
                violations.add(new InvalidRequestException.Violation("organisationNumber", "must be the hospital's nine-digit organisation number"));
            }
        } else {
            violations.add(new InvalidRequestException.Violation("role", "must be MUNICIPAL_CANCER_COORDINATOR or PATHWAY_COORDINATOR"));
        }
        String address = request.address() == null ? "" : request.address().trim();
        if ("EMAIL".equals(request.channel())) {
            if (!address.matches("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,}")) {
                violations.add(new InvalidRequestException.Violation("address", "must be an e-mail address"));
            }
        } else if ("SMS".equals(request.channel())) {
            if (!address.matches("\\+[1-9][0-9]{6,14}")) {
                violations.add(new InvalidRequestException.Violation("address", "must be a phone number in international form, e.g. +4791234567"));
            }
        } else {
            violations.add(new InvalidRequestException.Violation("channel", "must be EMAIL or SMS"));
        }
        if (request.eventTypes() == null || request.eventTypes().isEmpty()
                || request.eventTypes().stream().anyMatch(type -> type == null || EventTypes.byName(type).isEmpty())) {
            violations.add(new InvalidRequestException.Violation("eventTypes", "must list known event types"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
