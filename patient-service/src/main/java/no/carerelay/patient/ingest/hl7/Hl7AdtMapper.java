package no.carerelay.patient.ingest.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import no.carerelay.contracts.OrganisationRef;
import no.carerelay.contracts.patient.PatientClass;
import no.carerelay.patient.encounter.EncounterCommand;
import no.carerelay.patient.patient.InvalidNationalIdException;
import no.carerelay.patient.patient.Municipalities;
import no.carerelay.patient.patient.NationalId;
import no.carerelay.patient.patient.NationalIdValidator;
import no.carerelay.patient.patient.PatientIdentity;

/**
 * Maps HL7 v2.x ADT messages (parsed into v2.5 structures) to encounter commands. Where the data is read from:
 * <ul>
 * <li>national ID: the PID-3 repetition with identifier type (CX-5) {@code NNNOR}, or assigning authority (CX-4)
 * one of the Norwegian person-number OIDs {@code 2.16.578.1.12.4.1.4.1/2/3};</li>
 * <li>municipality of residence: PID-11 component 9 (county/parish code) of the first address, a kommunenummer;</li>
 * <li>GP: PD1-3 (patient primary facility), organisation number in XON-10, name in XON-1; optional;</li>
 * <li>hospital: MSH-4 (sending facility), organisation number in HD-2 (universal id), name in HD-1;</li>
 * <li>stay: PV1-19 visit number; PV1-2 patient class I/O/E; times from EVN-6, else EVN-2, else MSH-7;</li>
 * <li>discharge-ready (utskrivningsklar): A16 "pending discharge"; its withdrawal: A25 "cancel pending discharge";</li>
 * <li>death: PID-30 = Y, or discharge disposition PV1-36 {@code exp}/{@code 20} (HL7 0112 "expired").</li>
 * </ul>
 */
@Component
class Hl7AdtMapper {

    private static final Set<String> NATIONAL_ID_AUTHORITIES = Set.of("2.16.578.1.12.4.1.4.1", "2.16.578.1.12.4.1.4.2", "2.16.578.1.12.4.1.4.3");
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private final NationalIdValidator nationalIds;
    private final Municipalities municipalities;

    Hl7AdtMapper(NationalIdValidator nationalIds, Municipalities municipalities) {
        this.nationalIds = nationalIds;
        this.municipalities = municipalities;
    }

    EncounterCommand map(Message message) throws Hl7Rejection {
        try {
            return mapChecked(message);
        } catch (HL7Exception e) {
            // structure problems the parser let through (missing segment, bad data type); no values in our text
            throw new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 9, "unexpected-structure",
                    "the message does not have the structure of its type: " + e.getClass().getSimpleName());
        }
    }

    private EncounterCommand mapChecked(Message message) throws HL7Exception, Hl7Rejection {
        Terser terser = new Terser(message);
        String type = text(terser.get("/MSH-9-1"));
        String trigger = text(terser.get("/MSH-9-2"));
        if (!"ADT".equals(type)) {
            throw new Hl7Rejection(AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9, "unsupported-message-type",
                    "only ADT messages are accepted");
        }
        Segment pid = terser.getSegment("/.PID");
        PatientIdentity patient = new PatientIdentity(nationalId(pid), municipality(pid), generalPractitioner(terser));
        OrganisationRef hospital = hospital(terser);
        Instant at = eventTime(terser);
        if ("A08".equals(trigger)) {
            return new EncounterCommand.UpdatePatient(patient, hospital, text(terser.get("/.PV1-19-1")), at);
        }
        String visit = text(terser.get("/.PV1-19-1"));
        if (visit == null) {
            throw Hl7Rejection.missing("PV1", 19, "visit number");
        }
        if (!visit.matches("[A-Za-z0-9._-]{1,64}")) {
            throw Hl7Rejection.error("PV1", 19, "invalid-visit-number", "PV1-19 must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return switch (trigger == null ? "" : trigger) {
            case "A01" -> new EncounterCommand.Admit(patient, hospital, visit, at, patientClass(terser), expectedDischarge(terser));
            case "A02" -> new EncounterCommand.Transfer(patient, hospital, visit, at, transferredTo(terser, hospital));
            case "A16" -> new EncounterCommand.DeclareDischargeReady(patient, hospital, visit, at, expectedDischarge(terser), java.util.List.of());
            case "A25" -> new EncounterCommand.WithdrawDischargeReady(patient, hospital, visit, at);
            case "A03" -> discharge(terser, patient, hospital, visit, at);
            case "A11" -> new EncounterCommand.CancelAdmission(patient, hospital, visit, at);
            case "A13" -> new EncounterCommand.CancelDischarge(patient, hospital, visit, at);
            default -> throw new Hl7Rejection(AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9, "unsupported-event",
                    "ADT event " + (trigger == null ? "(none)" : trigger.replaceAll("[^A-Za-z0-9]", "").substring(0, Math.min(3, trigger.replaceAll("[^A-Za-z0-9]", "").length()))) + " is not supported; accepted: A01, A02, A03, A08, A11, A13, A16, A25");
        };
    }

    private EncounterCommand discharge(Terser terser, PatientIdentity patient, OrganisationRef hospital, String visit, Instant at)
            throws HL7Exception, Hl7Rejection {
        String disposition = text(terser.get("/.PV1-36"));
        if (disposition != null && !disposition.matches("[A-Za-z0-9_-]{1,20}")) {
            throw Hl7Rejection.error("PV1", 36, "invalid-disposition", "PV1-36 must be a code of 1-20 letters or digits (HL7 table 0112)");
        }
        boolean died = "Y".equalsIgnoreCase(text(terser.get("/.PID-30"))) || "exp".equalsIgnoreCase(disposition) || "20".equals(disposition);
        Instant dischargedAt = time(terser, "/.PV1-45", "PV1", 45).orElse(at);
        return new EncounterCommand.Discharge(patient, hospital, visit, dischargedAt, disposition, died);
    }

    private NationalId nationalId(Segment pid) throws HL7Exception, Hl7Rejection {
        int repetitions = pid.getField(3).length;
        for (int rep = 0; rep < repetitions; rep++) {
            String type = text(Terser.get(pid, 3, rep, 5, 1));
            String authority = text(Terser.get(pid, 3, rep, 4, 2));
            String authorityName = text(Terser.get(pid, 3, rep, 4, 1));
            if ("NNNOR".equals(type) || (authority != null && NATIONAL_ID_AUTHORITIES.contains(authority))
                    || (authorityName != null && NATIONAL_ID_AUTHORITIES.contains(authorityName))) {
                try {
                    return nationalIds.validate(text(Terser.get(pid, 3, rep, 1, 1)));
                } catch (InvalidNationalIdException e) {
                    throw Hl7Rejection.error("PID", 3, "invalid-national-id", "PID-3: " + e.getMessage());
                }
            }
        }
        throw new Hl7Rejection(AcknowledgmentCode.AE, ErrorCode.REQUIRED_FIELD_MISSING, "PID", 3, "missing-national-id",
                "PID-3 has no Norwegian national ID (identifier type NNNOR, or a Folkeregister OID as assigning authority)");
    }

    private String municipality(Segment pid) throws HL7Exception, Hl7Rejection {
        String kommune = text(Terser.get(pid, 11, 0, 9, 1));
        if (kommune == null) {
            throw Hl7Rejection.missing("PID", 11, "component 9: kommunenummer of the municipality of residence");
        }
        if (!kommune.matches("[0-9]{4}")) {
            throw Hl7Rejection.error("PID", 11, "invalid-municipality", "PID-11 component 9 must be a four-digit kommunenummer");
        }
        if (!municipalities.exists(kommune)) {
            throw Hl7Rejection.error("PID", 11, "unknown-municipality", "PID-11 component 9: " + kommune
                    + " is not a current Norwegian municipality (SSB list of kommunenummer)");
        }
        return kommune;
    }

    private static OrganisationRef generalPractitioner(Terser terser) throws HL7Exception, Hl7Rejection {
        Segment pd1;
        try {
            pd1 = terser.getSegment("/.PD1");
        } catch (HL7Exception absent) {
            return null;
        }
        String number = text(Terser.get(pd1, 3, 0, 10, 1));
        if (number == null) {
            return null;
        }
        if (!number.matches("[0-9]{9}")) {
            throw Hl7Rejection.error("PD1", 3, "invalid-gp", "PD1-3 component 10 must be the GP practice's nine-digit organisation number");
        }
        return new OrganisationRef(number, null, limit(text(Terser.get(pd1, 3, 0, 1, 1))));
    }

    private static OrganisationRef hospital(Terser terser) throws HL7Exception, Hl7Rejection {
        String number = text(terser.get("/MSH-4-2"));
        if (number == null) {
            throw Hl7Rejection.missing("MSH", 4, "component 2: the hospital's organisation number");
        }
        if (!number.matches("[0-9]{9}")) {
            throw Hl7Rejection.error("MSH", 4, "invalid-hospital", "MSH-4 component 2 must be the hospital's nine-digit organisation number");
        }
        return new OrganisationRef(number, null, limit(text(terser.get("/MSH-4-1"))));
    }

    private static OrganisationRef transferredTo(Terser terser, OrganisationRef from) throws HL7Exception, Hl7Rejection {
        String number = text(terser.get("/.PV1-3-4-2"));
        if (number == null || number.equals(from.organisationNumber())) {
            return from;
        }
        if (!number.matches("[0-9]{9}")) {
            throw Hl7Rejection.error("PV1", 3, "invalid-facility", "PV1-3 component 4.2 must be the receiving hospital's organisation number");
        }
        return new OrganisationRef(number, null, limit(text(terser.get("/.PV1-3-4-1"))));
    }

    private static PatientClass patientClass(Terser terser) throws HL7Exception, Hl7Rejection {
        String code = text(terser.get("/.PV1-2"));
        if (code == null) {
            throw Hl7Rejection.missing("PV1", 2, "patient class");
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "I" -> PatientClass.INPATIENT;
            case "O" -> PatientClass.OUTPATIENT;
            case "E" -> PatientClass.EMERGENCY;
            default -> throw Hl7Rejection.error("PV1", 2, "unsupported-patient-class", "PV1-2 must be I, O or E");
        };
    }

    private static LocalDate expectedDischarge(Terser terser) throws HL7Exception, Hl7Rejection {
        try {
            return time(terser, "/.PV2-9", "PV2", 9).map(instant -> instant.atZone(NORWAY).toLocalDate()).orElse(null);
        } catch (HL7Exception absentSegment) {
            return null;
        }
    }

    /** EVN-6 (event occurred), else EVN-2 (recorded), else MSH-7; a value that is there must be a timestamp. */
    private static Instant eventTime(Terser terser) throws HL7Exception, Hl7Rejection {
        java.util.Optional<Instant> occurred = optionalSegmentTime(terser, "/.EVN-6", "EVN", 6);
        if (occurred.isEmpty()) {
            occurred = optionalSegmentTime(terser, "/.EVN-2", "EVN", 2);
        }
        if (occurred.isEmpty()) {
            occurred = time(terser, "/MSH-7", "MSH", 7);
        }
        return occurred.orElseThrow(() -> Hl7Rejection.missing("EVN", 2, "event time (or MSH-7)"));
    }

    private static java.util.Optional<Instant> optionalSegmentTime(Terser terser, String path, String segment, int field) throws Hl7Rejection {
        try {
            return time(terser, path, segment, field);
        } catch (HL7Exception absentSegment) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<Instant> time(Terser terser, String path, String segment, int field) throws HL7Exception, Hl7Rejection {
        try {
            return Hl7Timestamps.parse(terser.get(path));
        } catch (IllegalArgumentException e) {
            throw Hl7Rejection.error(segment, field, "invalid-timestamp", segment + "-" + field + " is not an HL7 timestamp (YYYYMMDDHHMM[SS][+ZZZZ])");
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String limit(String name) {
        return name == null ? null : name.length() > 200 ? name.substring(0, 200) : name;
    }
}
