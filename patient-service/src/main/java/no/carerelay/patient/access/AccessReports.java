package no.carerelay.patient.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.contracts.EventEnvelope;
import no.carerelay.contracts.UnreadableEventException;
import no.carerelay.contracts.audit.PatientDataAccessed;

/**
 * Who looked at a patient's data across CareRelay: the other services' access-log entries as they arrive
 * ({@code patient_access_report}) together with patient-service's own {@code access_log} rows for the pseudonym.
 * Holds pseudonyms only; the person behind one is found by the caller through the keyed lookup hash.
 */
@Component
public class AccessReports {

    /** One entry as the patient sees it: when, where, who (and for whom), what, and whether it was allowed. */
    public record Entry(Instant accessedAt, String service, String actor, List<String> actorRoles, String actorOrganisation,
            String actorMunicipality, String resource, String action, String decision, String reason) {
    }

    public record Page(List<Entry> items, long total) {
    }

    // access_log keeps its roles comma-separated; '' (unknown caller) becomes the empty array. The request rows of
    // access_log (no pseudonym) never match. Ties on the instant are broken by source and insertion order so pages
    // do not overlap.
    private static final String ENTRIES = """
             FROM (
              SELECT accessed_at, service, actor, actor_roles, actor_organisation, actor_municipality, resource, action, decision,
                     reason, 0 AS source, id
              FROM patient_access_report WHERE pseudonym = :pseudonym
              UNION ALL
              SELECT at, 'patient-service', actor, string_to_array(actor_roles, ','), actor_organisation, actor_municipality, resource, action,
                     decision, nullif(reason, ''), 1, id
              FROM access_log WHERE patient_pseudonym = :pseudonym
            ) entry""";

    private final JdbcClient jdbc;

    AccessReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores one entry; runs in the consumer's transaction with the processed-event mark, so a failure leaves
     * neither. A re-publication of the same entry (same accessId, new CloudEvent id) changes nothing.
     *
     * @throws UnreadableEventException when the record's subject (its key) names another patient than its data: the
     *         entry could be shown to the wrong person, so it is dead-lettered rather than guessed at
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(EventEnvelope<PatientDataAccessed> event) {
        PatientDataAccessed entry = event.data();
        if (!entry.patientPseudonym().equals(event.subject())) {
            throw new UnreadableEventException(event.type().name() + " subject does not match its patientPseudonym");
        }
        jdbc.sql("""
                        INSERT INTO patient_access_report (access_id, event_id, pseudonym, accessed_at, service, actor, actor_roles,
                                                           actor_organisation, actor_municipality, resource, action, decision, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (access_id) DO NOTHING""")
                .params(entry.accessId(), event.id(), entry.patientPseudonym(), Timestamp.from(entry.accessedAt()), entry.service(),
                        entry.actor(), entry.actorRoles().toArray(String[]::new), entry.actorOrganisation(), entry.actorMunicipality(),
                        entry.resource(), entry.action(), entry.decision(), entry.reason())
                .update();
    }

    /** The entries for this pseudonym, newest first; {@code page} counts from 0. */
    @Transactional(readOnly = true)
    public Page page(String pseudonym, int page, int size) {
        long total = jdbc.sql("SELECT count(*)" + ENTRIES).param("pseudonym", pseudonym)
                .query(Long.class).single();
        List<Entry> items = jdbc.sql("""
                        SELECT accessed_at, service, actor, actor_roles, actor_organisation, actor_municipality, resource, action,
                               decision, reason""" + ENTRIES + " ORDER BY accessed_at DESC, source, id DESC LIMIT :limit OFFSET :offset")
                .param("pseudonym", pseudonym).param("limit", size).param("offset", (long) page * size)
                .query((rs, row) -> entry(rs))
                .list();
        return new Page(items, total);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getTimestamp("accessed_at").toInstant(), rs.getString("service"), rs.getString("actor"),
                roles(rs.getArray("actor_roles")), rs.getString("actor_organisation"), rs.getString("actor_municipality"),
                rs.getString("resource"), rs.getString("action"), rs.getString("decision"), rs.getString("reason"));
    }

    private static List<String> roles(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
