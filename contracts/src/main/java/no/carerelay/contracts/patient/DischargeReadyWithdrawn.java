package no.carerelay.contracts.patient;

import java.time.Instant;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/** Avmelding av utskrivningsklar pasient: the patient is no longer discharge-ready; open handovers are cancelled. */
public record DischargeReadyWithdrawn(
        String patientPseudonym,
        UUID encounterId,
        String municipality,
        OrganisationRef hospital,
        Instant withdrawnAt) {

    public DischargeReadyWithdrawn {
        Require.pseudonym(patientPseudonym);
        Require.present(encounterId, "encounterId");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        Require.present(withdrawnAt, "withdrawnAt");
    }
}
