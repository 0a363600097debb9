package no.carerelay.trajectory.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import no.carerelay.contracts.EventCodec;
import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.EventType;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Topics;
import no.carerelay.contracts.patient.PathwayEventRegistered;
import no.carerelay.testkit.KafkaTestClient;

/** Sends pathway events the way patient-service would, and reads what trajectory-service published. */
public final class TrajectoryEvents {

    private static final EventCodec CODEC = new EventCodec();

    private TrajectoryEvents() {
    }

    public static EventEnvelope<PathwayEventRegistered> pathwayEvent(String pseudonym, String code, LocalDate date, OrganisationRef hospital,
            String plannedTreatment) {
        return EventEnvelope.of(EventTypes.PATHWAY_EVENT_REGISTERED, "/carerelay/patient-service", pseudonym,
                new PathwayEventRegistered(pseudonym, code, date, "0301", hospital, plannedTreatment, Instant.now()));
    }

    public static <T> void send(KafkaTestClient kafka, EventEnvelope<T> event) {
        kafka.send(event.type().topic(), event.subject(), event.headers(), CODEC.writeData(event.data()));
    }

    /**
     * Every distinct event of this type for the patient on trajectory.events.v1, after a quiet period (so a late one
     * would be seen). Distinct by CloudEvent id, as consumers see them: the outbox may resend an event whose broker
     * acknowledgement was lost (same id, removed by every consumer's inbox); a second decision to fire would carry a
     * new id and is counted.
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> published(KafkaTestClient kafka, String pseudonym, EventType<T> type, Duration quiet) {
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        return kafka.readAll(Topics.TRAJECTORY_EVENTS, quiet).stream()
                .filter(r -> pseudonym.equals(r.key()))
                .map(TrajectoryEvents::read)
                .filter(e -> e.type().equals(type))
                .filter(e -> seen.add(e.id()))
                .map(e -> (T) e.data())
                .toList();
    }

    /** Waits until {@code count} events of this type for the patient are on trajectory.events.v1. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> await(KafkaTestClient kafka, String pseudonym, EventType<T> type, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = kafka.readAll(Topics.TRAJECTORY_EVENTS, Duration.ofMillis(200)).stream()
                    .filter(r -> pseudonym.equals(r.key()))
                    .map(TrajectoryEvents::read)
                    .filter(e -> e.type().equals(type))
                    .map(e -> (T) e.data())
                    .toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " " + type.name() + " for the patient, found " + found.size());
            }
        }
    }

    private static EventEnvelope<?> read(ConsumerRecord<String, byte[]> record) {
        return CODEC.read(KafkaTestClient.headers(record), record.value());
    }

    public static String newPseudonym() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }

    /** A random nine-digit organisation number, so per-hospital figures in a shared database are this test's own. */
    public static OrganisationRef newHospital() {
        return new OrganisationRef(String.valueOf(900_000_000 + (int) (Math.random() * 99_999_999)), "90234", "Testfold HF");
    }
}
