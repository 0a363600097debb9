package no.carerelay.contracts.trajectory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * A pathway deadline falls due soon (the configured lead, e.g. 2 calendar days) and what it waits for has not happened.
 *
 * @param deadlineId    stable per deadline; a consumer sees at most one DeadlineApproaching per id
 * @param pathway       pathway prefix, e.g. {@code A12}
 * @param treatment     for OF3/OF4: SURGERY, DRUG or RADIOTHERAPY; otherwise absent
 * @param awaiting      what must happen, e.g. {@code first visit (A12S)}
 * @param dueDate       the last calendar day (Europe/Oslo) within the standard lead time
 * @param dueAt         the end of that day, 00:00 Europe/Oslo the day after
 * @param hospital      the health trust currently responsible
 * @param municipality  kommunenummer of the municipality of residence
 * @param detectedAt    when trajectory-service noticed (at or after the warning time)
 */
public record DeadlineApproaching(
        UUID deadlineId,
        UUID trajectoryId,
        String patientPseudonym,
        String pathway,
        DeadlineInterval interval,
        String treatment,
        String awaiting,
        LocalDate dueDate,
        Instant dueAt,
        OrganisationRef hospital,
        String municipality,
        Instant detectedAt) {

    public DeadlineApproaching {
        Require.present(deadlineId, "deadlineId");
        Require.present(trajectoryId, "trajectoryId");
        Require.pseudonym(patientPseudonym);
        Require.text(pathway, "pathway");
        Require.present(interval, "interval");
        Require.text(awaiting, "awaiting");
        Require.present(dueDate, "dueDate");
        Require.present(dueAt, "dueAt");
        Require.present(hospital, "hospital");
        Require.kommunenummer(municipality, "municipality");
        Require.present(detectedAt, "detectedAt");
    }
}
