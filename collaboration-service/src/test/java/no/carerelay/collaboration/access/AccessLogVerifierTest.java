package no.carerelay.collaboration.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.carerelay.accesschain.ChainHead;
import no.carerelay.accesschain.ChainVerification;

class AccessLogVerifierTest {

    /** Entries 1-2 written before roles were recorded (hash version 1), 3-5 after (version 2). */
    private final List<AccessLogEntry> chain = chainOf(5, 2);

    @Test
    void shouldFindAnUntouchedChainIntact() {
        assertThat(verify(chain)).isEqualTo(new ChainVerification(true, 5, null, null));
    }

    @Test
    void shouldFindAChangedEntry() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.set(2, with(tampered.get(2), "someone-else", tampered.get(2).actorRoles(), tampered.get(2).hashVersion()));

        ChainVerification result = verify(tampered);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadEntryId()).isEqualTo(3L);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void shouldFindAChangedEntryWrittenBeforeRolesWereRecorded() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.set(1, with(tampered.get(1), "someone-else", null, 1));

        assertThat(verify(tampered).firstBadEntryId()).isEqualTo(2L);
    }

    @Test
    void shouldFindChangedRolesInAnEntryThatRecordsThem() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.set(3, with(tampered.get(3), tampered.get(3).actor(), "auditor", 2));

        assertThat(verify(tampered).firstBadEntryId()).isEqualTo(4L);
    }

    @Test
    void shouldFindRolesAddedToAnEntryWhoseHashDoesNotCoverThem() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.set(0, with(tampered.get(0), tampered.get(0).actor(), "auditor", 1));

        assertThat(verify(tampered).firstBadEntryId()).isEqualTo(1L);
    }

    @Test
    void shouldFindAnEntryWhoseHashVersionWasChanged() {
        List<AccessLogEntry> downgraded = new ArrayList<>(chain);
        AccessLogEntry entry = downgraded.get(4);
        downgraded.set(4, with(entry, entry.actor(), null, 1));
        List<AccessLogEntry> upgraded = new ArrayList<>(chain);
        upgraded.set(0, with(upgraded.get(0), upgraded.get(0).actor(), null, 2));
        List<AccessLogEntry> unknown = new ArrayList<>(chain);
        unknown.set(2, with(unknown.get(2), unknown.get(2).actor(), unknown.get(2).actorRoles(), 3));

        assertThat(verify(downgraded).firstBadEntryId()).isEqualTo(5L);
        assertThat(verify(upgraded).firstBadEntryId()).isEqualTo(1L);
        assertThat(verify(unknown).firstBadEntryId()).isEqualTo(3L);
    }

    @Test
    void shouldFindARemovedEntry() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        tampered.remove(1);

        ChainVerification result = verify(tampered);

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

        ChainVerification result = verify(tampered);

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("removed from the end").contains("5 were written");
    }

    @Test
    void shouldFindAnEntryRewrittenWithAFreshHashBecauseItsSuccessorNoLongerFollows() {
        List<AccessLogEntry> tampered = new ArrayList<>(chain);
        AccessLogEntry original = tampered.get(1);
        String rehashed = AccessLogEntry.hash(1, original.prevHash(), original.id(), original.at(), "someone-else", null, null,
                original.actorMunicipality(), original.resourceType(), original.resourceId(), original.patientPseudonym(), original.action(),
                original.decision(), original.reason());
        tampered.set(1, new AccessLogEntry(original.id(), original.at(), "someone-else", null, null, original.actorMunicipality(),
                original.resourceType(), original.resourceId(), original.patientPseudonym(), original.action(), original.decision(),
                original.reason(), original.prevHash(), rehashed, 1));

        assertThat(verify(tampered).firstBadEntryId()).isEqualTo(3L);
    }

    @Test
    void shouldVerifyARefusedRequestWhoseCallerIsUnknown() {
        AccessLogEntry last = chain.get(chain.size() - 1);
        Instant at = last.at().plusSeconds(1);
        String hash = AccessLogEntry.hash(2, last.hash(), 6, at, null, null, null, null, "request", "/api/v1/worklist", null, "GET", "DENIED",
                "401 this API needs a bearer token");
        List<AccessLogEntry> longer = new ArrayList<>(chain);
        longer.add(new AccessLogEntry(6, at, null, null, null, null, "request", "/api/v1/worklist", null, "GET", "DENIED",
                "401 this API needs a bearer token", last.hash(), hash, 2));

        assertThat(AccessLogVerifier.verify(longer, new ChainHead(6L, hash, 6)).intact()).isTrue();
    }

    private ChainVerification verify(List<AccessLogEntry> entries) {
        AccessLogEntry last = chain.get(chain.size() - 1);
        return AccessLogVerifier.verify(entries, new ChainHead(last.id(), last.hash(), chain.size()));
    }

    /** The entry with another actor, roles or hash version, keeping its stored hash: a change behind the trigger's back. */
    private static AccessLogEntry with(AccessLogEntry e, String actor, String roles, int hashVersion) {
        return new AccessLogEntry(e.id(), e.at(), actor, roles, hashVersion == 1 ? null : e.actorOrganisation(), e.actorMunicipality(),
                e.resourceType(), e.resourceId(), e.patientPseudonym(), e.action(), e.decision(), e.reason(), e.prevHash(), e.hash(), hashVersion);
    }

    /** A chain whose first {@code legacy} entries have hash version 1 (no roles or organisation), the rest version 2. */
    private static List<AccessLogEntry> chainOf(int size, int legacy) {
        List<AccessLogEntry> entries = new ArrayList<>();
        String previous = AccessLogEntry.GENESIS;
        for (long id = 1; id <= size; id++) {
            Instant at = Instant.parse("2026-11-23T08:00:00Z").plusSeconds(id);
            String pseudonym = "pseudonym-000000000" + id;
            int version = id <= legacy ? 1 : 2;
            String roles = version == 1 ? null : "municipal-coordinator";
            String organisation = version == 1 ? null : "974760673";
            String hash = AccessLogEntry.hash(version, previous, id, at, "kk-0301", roles, organisation, "0301", "patient", pseudonym, pseudonym,
                    "read-care-team", "GRANTED", "work-related need");
            entries.add(new AccessLogEntry(id, at, "kk-0301", roles, organisation, "0301", "patient", pseudonym, pseudonym, "read-care-team",
                    "GRANTED", "work-related need", previous, hash, version));
            previous = hash;
        }
        return entries;
    }
}
