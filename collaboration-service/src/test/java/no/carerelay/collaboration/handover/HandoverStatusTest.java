package no.carerelay.collaboration.handover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandoverStatusTest {

    @Test
    void shouldLetTheMunicipalityReceiveAcceptOrRejectARequestedCase() {
        assertThat(HandoverStatus.REQUESTED.nextByMunicipality())
                .containsExactlyInAnyOrder(HandoverStatus.RECEIVED, HandoverStatus.ACCEPTED, HandoverStatus.REJECTED);
    }

    @Test
    void shouldLeaveCancellingToTheSystemNotTheMunicipality() {
        assertThat(HandoverStatus.RECEIVED.canMoveTo(HandoverStatus.CANCELLED)).isTrue();
        assertThat(HandoverStatus.RECEIVED.nextByMunicipality()).doesNotContain(HandoverStatus.CANCELLED);
    }

    @Test
    void shouldOnlyCompleteAnAcceptedCase() {
        for (HandoverStatus status : HandoverStatus.values()) {
            assertThat(status.canMoveTo(HandoverStatus.COMPLETED)).as(status.name()).isEqualTo(status == HandoverStatus.ACCEPTED);
        }
    }

    @Test
    void shouldTreatRejectedCancelledAndCompletedAsFinal() {
        assertThat(HandoverStatus.REJECTED.next()).isEmpty();
        assertThat(HandoverStatus.CANCELLED.next()).isEmpty();
        assertThat(HandoverStatus.COMPLETED.next()).isEmpty();
    }

    @Test
    void shouldCountOnlyRequestedAndReceivedAsUnanswered() {
        assertThat(HandoverStatus.REQUESTED.unanswered()).isTrue();
        assertThat(HandoverStatus.RECEIVED.unanswered()).isTrue();
        assertThat(HandoverStatus.ACCEPTED.unanswered()).isFalse();
        assertThat(HandoverStatus.REJECTED.unanswered()).isFalse();
    }
}
