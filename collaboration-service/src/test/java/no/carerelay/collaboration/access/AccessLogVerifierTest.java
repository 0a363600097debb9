package no.carerelay.collaboration.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AccessLogVerifierTest {

    private final List<AccessLogEntry> chain = chainOf(5);

    @Test
    void shouldFindAnUntouchedChainIntact() {
        assertThat(verify(chain)).isEqualTo(new AccessLogVerifier.Verification(true, 5, null, null));
    }

    @Test
    void shouldFindAChangedEntry() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        AccessLogEntry original = tampered.get(2);
        tampered.set(2, new AccessLogEntry(original.id(), original.at(), "someone-else", original.actorMunicipality(), original.resourceType(),
                original.resourceId(), original.patientPseudonym(), original.action(), original.decision(), original.reason(),
                original.prevHash(), original.hash()));

        AccessLogVerifier.Verification result = verify(tampered);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void shouldFindARemovedEntry() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.remove(1);

        AccessLogVerifier.Verification result = verify(tampered);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("does not follow");
    }

    @Test
    void shouldFindReorderedEntries() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.set(1, chain.get(2));
        tampered.set(2, chain.get(1));

        assertThat(verify(tampered).intact()).isFalse();
        assertThat(verify(tampered).firstBadEntryId()).isEqualTo(3L);
    }

    @Test
    void shouldFindATruncatedTailAgainstTheHead() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain.subList(0, 3));

        AccessLogVerifier.Verification result = verify(tampered);

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("removed from the end").contains("5 were written");
    }

    @Test
    void shouldFindAnEntryRewrittenWithAFreshHashBecauseItsSuccessorNoLongerFollows() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        AccessLogEntry original = tampered.get(1);
        String rehashed = AccessLogEntry.hash(original.prevHash(), original.id(), original.at(), "someone-else", original.actorMunicipality(),
                original.resourceType(), original.resourceId(), original.patientPseudonym(), original.action(), original.decision(),
                original.reason());
        tampered.set(1, new AccessLogEntry(original.id(), original.at(), "someone-else", original.actorMunicipality(), original.resourceType(),
                original.resourceId(), original.patientPseudonym(), original.action(), original.decision(), original.reason(),
                original.prevHash(), rehashed));

        assertThat(verify(tampered).firstBadEntryId()).isEqualTo(3L);
    }

    private AccessLogVerifier.Verification verify(List<AccessLogEntry> entries) {
        AccessLogEntry last = chain.get(chain.size() - 1);
        return AccessLogVerifier.verify(entries, last.id(), last.hash(), chain.size());
    }

    private static List<AccessLogEntry> chainOf(int size) {
        List<AccessLogEntry> entries = new ArrayList<>();
        String previous = AccessLogEntry.GENESIS;
        for (long id = 1; id <= size; id++) {
            Instant at = Instant.parse("2026-11-23T08:00:00Z").plusSeconds(id);
            String pseudonym = "pseudonym-000000000" + id;
            String hash = AccessLogEntry.hash(previous, id, at, "kk-0301", "0301", "patient", pseudonym, pseudonym, "read-care-team", "GRANTED",
                    "work-related need");
            entries.add(new AccessLogEntry(id, at, "kk-0301", "0301", "patient", pseudonym, pseudonym, "read-care-team", "GRANTED",
                    "work-related need", previous, hash));
            previous = hash;
        }
        return entries;
    }
}
