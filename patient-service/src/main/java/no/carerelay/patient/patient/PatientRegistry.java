package no.carerelay.patient.patient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.patient.PatientDeceased;
import no.carerelay.contracts.patient.PatientMoved;
import no.carerelay.contracts.patient.PatientRegistered;
import no.carerelay.eventbus.EventPublisher;
import no.carerelay.patient.config.PatientProperties;

/**
 * Maps a person to their opaque pseudonym, registering them on first sight, and tells the platform on
 * {@code patient.registry.v1} when someone is registered, moves to another municipality or dies.
 */
@Component
public class PatientRegistry {

    private final JdbcClient jdbc;
    private final NationalIdCrypto crypto;
    private final EventPublisher events;

    PatientRegistry(JdbcClient jdbc, PatientProperties properties, EventPublisher events) {
        this.jdbc = jdbc;
        this.crypto = new NationalIdCrypto(properties.encryptionKey(), properties.lookupKey());
        this.events = events;
    }

    private record Known(String pseudonym, String municipality, String gpOrgNumber, String gpHerId, String gpName) {

        /** Whether this message says something the row does not: the municipality, or a GP detail it names. */
        boolean differsFrom(String municipality, OrganisationRef gp) {
            return !this.municipality.equals(municipality) || gp != null && (differs(gp.organisationNumber(), gpOrgNumber)
                    || differs(gp.herId(), gpHerId) || differs(gp.name(), gpName));
        }

        private static boolean differs(String given, String stored) {
            return given != null && !given.equals(stored);
        }
    }

    /** The pseudonym of this person, created if new; municipality and GP are kept current. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String pseudonymFor(PatientIdentity identity, Instant occurredAt) {
        byte[] lookup = crypto.lookupHash(identity.nationalId());
        OrganisationRef gp = identity.generalPractitioner();
        // Most messages are about someone already known (admit, discharge-ready and discharge of one stay): look up
        // first, and write only what changed. Insert-or-nothing for a new person, so two concurrent first messages
        // for one person agree on one pseudonym (the second waits for the first and then finds its row).
        Optional<Known> known = lockKnown(lookup);
        if (known.isEmpty()) {
            String candidate = crypto.newPseudonym();
            int inserted = jdbc.sql("""
                            INSERT INTO patient (pseudonym, national_id_lookup, national_id_encrypted, id_kind, municipality,
                                                 gp_org_number, gp_her_id, gp_name)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (national_id_lookup) DO NOTHING""")
                    .params(candidate, lookup, crypto.encrypt(identity.nationalId()), identity.nationalId().kind().name(),
                            identity.municipality(), gp == null ? null : gp.organisationNumber(), gp == null ? null : gp.herId(),
                            gp == null ? null : gp.name())
                    .update();
            if (inserted == 1) {
                events.publish(EventTypes.PATIENT_REGISTERED, candidate,
                        new PatientRegistered(candidate, identity.municipality(), gp, occurredAt));
                return candidate;
            }
            known = lockKnown(lookup);
        }
        Known current = known.orElseThrow();
        if (current.differsFrom(identity.municipality(), gp)) {
            jdbc.sql("""
                            UPDATE patient SET municipality = ?, gp_org_number = coalesce(?, gp_org_number), gp_her_id = coalesce(?, gp_her_id),
                                               gp_name = coalesce(?, gp_name), updated_at = now()
                            WHERE pseudonym = ?""")
                    .params(identity.municipality(), gp == null ? null : gp.organisationNumber(), gp == null ? null : gp.herId(),
                            gp == null ? null : gp.name(), current.pseudonym())
                    .update();
        }
        if (!current.municipality().equals(identity.municipality())) {
            events.publish(EventTypes.PATIENT_MOVED, current.pseudonym(),
                    new PatientMoved(current.pseudonym(), current.municipality(), identity.municipality(), occurredAt));
        }
        return current.pseudonym();
    }

    private Optional<Known> lockKnown(byte[] lookup) {
        return jdbc.sql("SELECT pseudonym, municipality, gp_org_number, gp_her_id, gp_name FROM patient WHERE national_id_lookup = ? FOR UPDATE")
                .param(lookup)
                .query((rs, row) -> new Known(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    /**
     * The pseudonym of a person already registered, found by the keyed lookup hash alone (nothing is decrypted);
     * empty for someone patient-service has never seen. Registers no one.
     */
    public Optional<String> knownPseudonym(NationalId nationalId) {
        return jdbc.sql("SELECT pseudonym FROM patient WHERE national_id_lookup = ?")
                .param(crypto.lookupHash(nationalId))
                .query(String.class)
                .optional();
    }

    /** Records the death once; a repeated report publishes nothing new. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deceased(String pseudonym, Instant deceasedAt) {
        Optional<String> municipality = jdbc.sql("UPDATE patient SET deceased_at = ?, updated_at = now() WHERE pseudonym = ? AND deceased_at IS NULL RETURNING municipality")
                .params(Timestamp.from(deceasedAt), pseudonym)
                .query(String.class)
                .optional();
        municipality.ifPresent(kommune -> events.publish(EventTypes.PATIENT_DECEASED, pseudonym, new PatientDeceased(pseudonym, kommune, deceasedAt)));
    }
}
