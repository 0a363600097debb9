package no.carerelay.notification.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stores the coordinators' contact preferences. */
@Service
public class ContactPreferences {

    private static final String COLUMNS = "id, role, municipality, organisation_number, channel, address, event_types, active, created_at";

    private final JdbcClient jdbc;

    ContactPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ContactPreference create(String role, String municipality, String organisationNumber, String channel, String address,
            List<String> eventTypes) {
        ContactPreference preference = new ContactPreference(UUID.randomUUID(), role, municipality, organisationNumber, channel, address,
                List.copyOf(eventTypes), true, Instant.now());
        jdbc.sql("""
                        INSERT INTO contact_preference (id, role, municipality, organisation_number, channel, address, event_types, active, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                .params(preference.id(), role, municipality, organisationNumber, channel, address, eventTypes.toArray(String[]::new),
                        Timestamp.from(preference.createdAt()))
                .update();
        return preference;
    }

    public List<ContactPreference> list(String municipality) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact_preference WHERE (CAST(? AS TEXT) IS NULL OR municipality = ?) ORDER BY created_at")
                .params(municipality, municipality).query(ContactPreferences::map).list();
    }

    public Optional<ContactPreference> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact_preference WHERE id = ?").param(id).query(ContactPreferences::map).optional();
    }

    public boolean deactivate(UUID id) {
        return jdbc.sql("UPDATE contact_preference SET active = FALSE WHERE id = ?").param(id).update() == 1;
    }

    /** The active preferences for this event type: the municipality's coordinators and the requesting hospital's. */
    public List<ContactPreference> recipients(String eventType, String municipality, String organisationNumber) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM contact_preference
                        WHERE active AND ? = ANY (event_types)
                          AND ((role = 'MUNICIPAL_CANCER_COORDINATOR' AND municipality = ?)
                               OR (role = 'PATHWAY_COORDINATOR' AND organisation_number = ?))""")
                .params(eventType, municipality, organisationNumber)
                .query(ContactPreferences::map).list();
    }

    private static ContactPreference map(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("event_types");
        return new ContactPreference(rs.getObject("id", UUID.class), rs.getString("role"), rs.getString("municipality"),
                rs.getString("organisation_number"), rs.getString("channel"), rs.getString("address"),
                Arrays.asList((String[]) types.getArray()), rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant());
    }
}
