package no.carerelay.contracts.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.Require;

/**
 * The hospital registered a cancer-pathway (pakkeforløp) event code, as it reports it to NPR: the pathway prefix
 * ({@code A}+2 digits organ-specific, {@code B01} metastases of unknown origin, {@code C01} the diagnostic pathway)
 * followed by the event suffix ({@code A} start, {@code S} first visit, {@code O} transferred, {@code CK/CM/CA/CI}
 * clinical decision, {@code FK/FM/FS/FL/FO/FI} treatment start, {@code X} ended).
 *
 * @param code             the full NPR code, e.g. {@code A12CK}
 * @param eventDate        the date NPR asks for (referral received, first visit, decision, first treatment day ...)
 * @param municipality     kommunenummer of the municipality of residence
 * @param hospital         the health trust (HF) that registered the code
 * @param plannedTreatment optional, with a {@code CK} decision: SURGERY, DRUG or RADIOTHERAPY, so the right
 *                         OF3/OF4 lead time runs before the treatment starts
 */
public record PathwayEventRegistered(
        String patientPseudonym,
        String code,
        LocalDate eventDate,
        String municipality,
        OrganisationRef hospital,
        String plannedTreatment,
        Instant registeredAt) {

    /** Prefix and suffix of an NPR pathway code. */
    public static final Pattern CODE = Pattern.compile("(A[0-9]{2}|B01|C01)(A|S|O|CK|CM|CA|CI|FK|FM|FS|FL|FO|FI|X)");
    private static final Pattern TREATMENT = Pattern.compile("SURGERY|DRUG|RADIOTHERAPY");

    public PathwayEventRegistered {
        Require.pseudonym(patientPseudonym);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be an NPR pathway code: prefix A00-A99, B01 or C01 and an event suffix");
        }
        Require.present(eventDate, "eventDate");
        Require.kommunenummer(municipality, "municipality");
        Require.present(hospital, "hospital");
        if (plannedTreatment != null && !TREATMENT.matcher(plannedTreatment).matches()) {
            throw new IllegalArgumentException("plannedTreatment must be SURGERY, DRUG or RADIOTHERAPY");
        }
        Require.present(registeredAt, "registeredAt");
    }
}
