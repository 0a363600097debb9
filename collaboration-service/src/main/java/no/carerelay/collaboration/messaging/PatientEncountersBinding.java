package no.carerelay.collaboration.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import no.carerelay.collaboration.handover.HandoverCases;
import no.carerelay.contracts.EventTypes;
import no.carerelay.contracts.collaboration.CancellationReason;
import no.carerelay.eventbus.InboundEvents;

/**
 * Binding {@code patientEncounters-in-0}: patient.encounters.v1, group collaboration-service. The declaration is
 * remembered (HandoverRequired names it as its cause), a withdrawal or a cancelled admission cancels the open cases
 * resting on the stay, and a discharge completes an accepted one. A cancelled discharge (A13) changes nothing
 * here: the patient is back in the stay, and whatever case rests on it is still needed.
 */
@Configuration
class PatientEncountersBinding {

    @Bean
    Consumer<Message<List<byte[]>>> patientEncounters(InboundEvents inbound, HandoverCases cases) {
        return inbound.consumer("collaboration-service")
                .on(EventTypes.DISCHARGE_READY_DECLARED, event -> cases.recordDischargeReadyNotice(event.id(), event.data().encounterId(),
                        event.data().patientPseudonym(), event.data().declaredAt()))
                .on(EventTypes.DISCHARGE_READY_WITHDRAWN, event -> cases.cancelForEncounter(event.data().patientPseudonym(),
                        event.data().encounterId(), CancellationReason.DISCHARGE_READY_WITHDRAWN, event.id(), event.data().withdrawnAt()))
                .on(EventTypes.ENCOUNTER_CANCELLED, event -> {
                    if ("ADMISSION".equals(event.data().cancelled())) {
                        cases.cancelForEncounter(event.data().patientPseudonym(), event.data().encounterId(),
                                CancellationReason.ENCOUNTER_CANCELLED, event.id(), event.data().cancelledAt());
                    }
                })
                .on(EventTypes.PATIENT_DISCHARGED, event -> cases.completeForEncounter(event.data().patientPseudonym(),
                        event.data().encounterId()))
                .build();
    }
}
