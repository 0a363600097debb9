package no.carerelay.collaboration.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import no.carerelay.accesschain.ChainVerification;
import no.carerelay.collaboration.support.CollaborationIT;
import no.carerelay.contracts.EventTypes;
import tools.jackson.databind.JsonNode;

class AccessLogChainIT extends CollaborationIT {

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AccessLogVerifier verifier;

    @Test
    void shouldKeepTheChainIntactThroughConcurrentReadsAndShowAPatientsAccessesToAnAuditor() throws Exception {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        send(handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)), UUID.randomUUID()));
        await(EventTypes.HANDOVER_OPENED, pseudonym, 1);
        Thread[] readers = new Thread[4];
        for (int i = 0; i < readers.length; i++) {
            String user = "saksbehandler-" + i;
            readers[i] = new Thread(() -> {
                for (int n = 0; n < 5; n++) {
                    assertThat(get("/api/v1/handover-cases", asMunicipality(user, municipality)).statusCode()).isEqualTo(200);
                }
            });
            readers[i].start();
        }
        for (Thread reader : readers) {
            reader.join();
        }

        JsonNode verification = body(get("/api/v1/audit/access-log/verification", asAuditor("revisor-1")));
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        JsonNode log = body(get("/api/v1/audit/access-log?patient=" + pseudonym, asAuditor("revisor-1")));
        assertThat(log.get("total").asLong()).isEqualTo(20);
        assertThat(log.get("items").get(0).get("action").asString()).isEqualTo("list");
        assertThat(log.get("items").get(0).get("actorRoles").asString()).isEqualTo("municipality");
        assertThat(log.get("items").get(0).get("actorOrganisation").asString()).isEqualTo("test-organisation");
        assertThat(log.get("items").get(0).get("hashVersion").asInt()).isEqualTo(2);
        assertThat(log.get("items").get(0).get("hash").asString()).hasSize(64);
        assertThat(body(get("/api/v1/audit/access-log?patient=" + pseudonym, asAuditor("revisor-1"))).get("total").asLong())
                .as("the auditor's own look is logged").isEqualTo(21);
    }

    @Test
    void shouldRefuseToChangeOrRemoveAnEntry() {
        assertThat(get("/api/v1/worklist/patients", asPathwayCoordinator("kk-audit")).statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> jdbc.sql("UPDATE access_log SET actor = 'someone-else'").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM access_log").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access_log").update()).hasMessageContaining("append-only");
    }

    @Test
    void shouldReportAnEntryChangedBehindTheTriggersBack() {
        String pseudonym = newPseudonym();
        String municipality = newMunicipality();
        send(handoverRequired(pseudonym, municipality, clock.instant().plus(Duration.ofHours(4)), UUID.randomUUID()));
        await(EventTypes.HANDOVER_OPENED, pseudonym, 1);
        assertThat(get("/api/v1/handover-cases", asMunicipality("saksbehandler-x", municipality)).statusCode()).isEqualTo(200);
        long entry = jdbc.sql("SELECT max(id) FROM access_log WHERE patient_pseudonym = ?").param(pseudonym).query(Long.class).single();

        // an insider with the table owner's rights, in a transaction rolled back so the other tests keep a sound log
        ChainVerification tampered = transactions.execute(status -> {
            status.setRollbackOnly();
            jdbc.sql("ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete").update();
            jdbc.sql("UPDATE access_log SET actor = 'someone-else' WHERE id = ?").param(entry).update();
            return verifier.verify();
        });

        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.firstBadEntryId()).isEqualTo(entry);
        assertThat(verifier.verify().intact()).isTrue();
    }
}
