package no.carerelay.accesschain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainedAccessLogTest {

    @Test
    void shouldAcceptAnAuditorsQueryForOnePatientOrAll() {
        assertThat(ChainedAccessLog.queryProblems("V0ZiC-9rz90j2sKVbB5-Uw", 0, 50)).isEmpty();
        assertThat(ChainedAccessLog.queryProblems(null, 3, 200)).isEmpty();
    }

    @Test
    void shouldNameEveryWrongFieldWithoutRepeatingWhatWasTyped() {
        assertThat(ChainedAccessLog.queryProblems("01017012345", -1, 201))
                .containsOnlyKeys("patient", "page", "size")
                .allSatisfy((field, message) -> assertThat(message).doesNotContain("01017012345"));
        assertThat(ChainedAccessLog.queryProblems(null, 0, 0)).containsOnlyKeys("size");
    }
}
