package no.carerelay.patient.patient;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import no.carerelay.patient.config.PatientProperties;

/** Maps a person to their opaque pseudonym, registering them on first sight. */
@Component
public class PatientRegistry {

    private final JdbcClient jdbc;
    private final NationalIdCrypto crypto;

    PatientRegistry(JdbcClient jdbc, PatientProperties properties) {
        this.jdbc = jdbc;
        this.crypto = new NationalIdCrypto(properties.encryptionKey(), properties.lookupKey());
    }

    /** The pseudonym of this person, created if new; the municipality of residence is kept current. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String pseudonymFor(NationalId id, String municipality) {
        byte[] lookup = crypto.lookupHash(id);
        // Insert-or-nothing first so two concurrent first messages for one person agree on one pseudonym.
        jdbc.sql("""
                        INSERT INTO patient (pseudonym, national_id_lookup, national_id_encrypted, id_kind, municipality)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (national_id_lookup) DO NOTHING""")
                .params(crypto.newPseudonym(), lookup, crypto.encrypt(id), id.kind().name(), municipality)
                .update();
        return jdbc.sql("""
                        UPDATE patient SET municipality = ?, updated_at = now() WHERE national_id_lookup = ?
                        RETURNING pseudonym""")
                .params(municipality, lookup)
                .query(String.class)
                .single();
    }
}
