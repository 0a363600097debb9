package no.carerelay.patient.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import no.carerelay.contracts.OrganisationRef;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.patient.InvalidNationalIdException;
import no.carerelay.patient.patient.Municipalities;
import no.carerelay.patient.patient.NationalId;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.patient.patient.PatientIdentity;

/** Checks every field of a JSON notice and reports all violations at once, never echoing the values. */
@Component
class DischargeReadyNoticeMapper {

    private static final Pattern KOMMUNENUMMER = Pattern.compile("[0-9]{4}");
    private static final Pattern ORGANISATION_NUMBER = Pattern.compile("[0-9]{9}");
    private static final Pattern HER_ID = Pattern.compile("[0-9]{1,9}");
    private static final Pattern VISIT_NUMBER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CARE_NEED = Pattern.compile("[A-Z_]{2,40}");
    /** Clocks drift; a declaration from the future beyond this is a sender bug, not a fact. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final NationalIdValidator nationalIds;
    private final Municipalities municipalities;

    DischargeReadyNoticeMapper(NationalIdValidator nationalIds, Municipalities municipalities) {
        this.nationalIds = nationalIds;
        this.municipalities = municipalities;
    }

    EncounterCommand.DeclareDischargeReady toCommand(DischargeReadyNoticeRequest request) {
        List<InvalidRequestException.Violation> violations = new ArrayList<>();
        NationalId nationalId = null;
        try {
            nationalId = nationalIds.validate(request.nationalId());
        } catch (InvalidNationalIdException e) {
            violations.add(new InvalidRequestException.Violation("nationalId", e.getMessage()));
        }
        boolean wellFormed = request.municipality() != null && KOMMUNENUMMER.matcher(request.municipality()).matches();
        check(violations, "municipality", wellFormed, "must be a four-digit kommunenummer");
        check(violations, "municipality", !wellFormed || municipalities.exists(request.municipality()),
                "is not a current Norwegian municipality (SSB list of kommunenummer)");
        DischargeReadyNoticeRequest.Hospital hospital = request.hospital();
        if (hospital == null) {
            violations.add(new InvalidRequestException.Violation("hospital", "is required"));
        } else {
            check(violations, "hospital.organisationNumber",
                    hospital.organisationNumber() != null && ORGANISATION_NUMBER.matcher(hospital.organisationNumber()).matches(),
                    "must be a nine-digit organisation number");
            check(violations, "hospital.herId", hospital.herId() == null || HER_ID.matcher(hospital.herId()).matches(),
                    "must be a HER-id of 1-9 digits");
            check(violations, "hospital.name", hospital.name() == null || hospital.name().length() <= 200, "must be at most 200 characters");
        }
        check(violations, "visitNumber", request.visitNumber() != null && VISIT_NUMBER.matcher(request.visitNumber()).matches(),
                "must be 1-64 characters of letters, digits, '.', '_' or '-'");
        check(violations, "declaredAt", request.declaredAt() != null, "is required (ISO-8601 instant, e.g. 2026-11-22T09:30:00Z)");
        check(violations, "declaredAt", request.declaredAt() == null || !request.declaredAt().isAfter(Instant.now().plus(MAX_CLOCK_SKEW)),
                "must not be in the future");
        DischargeReadyNoticeRequest.Hospital gp = request.generalPractitioner();
        check(violations, "generalPractitioner.organisationNumber",
                gp == null || (gp.organisationNumber() != null && ORGANISATION_NUMBER.matcher(gp.organisationNumber()).matches()),
                "must be the GP practice's nine-digit organisation number");
        check(violations, "generalPractitioner.herId", gp == null || gp.herId() == null || HER_ID.matcher(gp.herId()).matches(),
                "must be a HER-id of 1-9 digits");
        check(violations, "generalPractitioner.name", gp == null || gp.name() == null || gp.name().length() <= 200,
                "must be at most 200 characters");
        List<String> careNeeds = request.careNeeds() == null ? List.of() : request.careNeeds();
        check(violations, "careNeeds", careNeeds.size() <= 20, "must have at most 20 entries");
        check(violations, "careNeeds", careNeeds.stream().allMatch(need -> need != null && CARE_NEED.matcher(need).matches()),
                "entries must be codes of 2-40 capital letters or '_', e.g. HOME_NURSING");
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        OrganisationRef hospitalRef = new OrganisationRef(hospital.organisationNumber(), hospital.herId(), hospital.name());
        OrganisationRef gpRef = gp == null ? null : new OrganisationRef(gp.organisationNumber(), gp.herId(), gp.name());
        return new EncounterCommand.DeclareDischargeReady(new PatientIdentity(nationalId, request.municipality(), gpRef), hospitalRef,
                request.visitNumber(), request.declaredAt(), request.expectedDischargeDate(), careNeeds);
    }

    private static void check(List<InvalidRequestException.Violation> violations, String field, boolean valid, String message) {
        if (!valid) {
            violations.add(new InvalidRequestException.Violation(field, message));
        }
    }
}
